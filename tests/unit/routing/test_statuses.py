"""Which agency and citizen actions are valid in which status (docs/design.md, "Request life")."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from dekat.vocabulary import Status
from routing.statuses import Situation, deadline_for, judge

AGENCIES = frozenset({"mpp", "dinas-sda", "pmi"})


@pytest.mark.parametrize(
    ("current", "action", "becomes"),
    [
        ("assigned", "acknowledge", "acknowledged"),
        ("assigned", "start", "in_progress"),
        ("acknowledged", "start", "in_progress"),
        ("acknowledged", "request_info", "info_requested"),
        ("in_progress", "request_info", "info_requested"),
        ("info_requested", "provide_info", "in_progress"),
        ("in_progress", "resolve", "resolved"),
        ("acknowledged", "resolve", "resolved"),
        ("assigned", "reject", "rejected"),
        ("acknowledged", "reject", "rejected"),
        ("in_progress", "transfer", "transferred"),
        ("resolved", "rate", "closed"),
        ("closed", "rate", "closed"),
        ("resolved", "reopen", "reopened"),
        ("closed", "reopen", "reopened"),
        ("reopened", "acknowledge", "acknowledged"),
        ("reopened", "resolve", "resolved"),
    ],
)
def test_a_valid_action_moves_the_request_on(current: str, action: str, becomes: str) -> None:
    at = Situation(current, holder="dinas-sda", agencies=AGENCIES)  # type: ignore[arg-type]
    verdict = judge(action, at, note="done", transfer_to="pmi")

    assert verdict.status == becomes


@pytest.mark.parametrize(
    ("current", "action"),
    [
        ("assigned", "resolve"),
        ("assigned", "request_info"),
        ("acknowledged", "acknowledge"),
        ("in_progress", "acknowledge"),
        ("in_progress", "reject"),
        ("info_requested", "acknowledge"),
        ("resolved", "start"),
        ("resolved", "transfer"),
        ("closed", "acknowledge"),
        ("assigned", "provide_info"),
        ("in_progress", "reopen"),
        ("assigned", "rate"),
    ],
)
def test_an_action_out_of_turn_is_refused_and_says_why(current: str, action: str) -> None:
    at = Situation(current, holder="dinas-sda", agencies=AGENCIES)  # type: ignore[arg-type]
    verdict = judge(action, at, note="n", transfer_to="pmi")

    assert not verdict.allowed
    assert (
        verdict.problem == f"cannot {action.replace('_', ' ')} a request that is {current.replace('_', ' ')}"
    )


@pytest.mark.parametrize("action", ["resolve", "reject", "request_info"])
@pytest.mark.parametrize("note", [None, "", "   "])
def test_resolving_rejecting_and_asking_need_a_note(action: str, note: str | None) -> None:
    verdict = judge(action, Situation("acknowledged", holder="dinas-sda"), note=note)

    assert (verdict.allowed, verdict.field) == (False, "note")


@pytest.mark.parametrize(
    ("transfer_to", "problem"),
    [(None, "name the agency"), ("dinas-sda", "holds it"), ("nobody", "no agency 'nobody'")],
)
def test_a_transfer_must_name_another_agency_of_the_network(transfer_to: str | None, problem: str) -> None:
    at = Situation("assigned", holder="dinas-sda", agencies=AGENCIES)
    verdict = judge("transfer", at, transfer_to=transfer_to)

    assert (verdict.allowed, verdict.field) == (False, "transfer_to")
    assert problem in verdict.problem


def test_the_coordinator_cannot_reject_only_transfer() -> None:
    verdict = judge("reject", Situation("assigned", holder="mpp", coordinator="mpp"), note="not ours")

    assert not verdict.allowed
    assert "transfer it instead" in verdict.problem


def test_an_unknown_action_is_refused() -> None:
    assert not judge("delete", Situation("assigned")).allowed


ACK, RESOLVE = datetime(2026, 3, 16, tzinfo=UTC), datetime(2026, 3, 20, tzinfo=UTC)


@pytest.mark.parametrize(
    ("status", "runs"),
    [
        ("assigned", ("acknowledge", ACK)),
        ("reopened", ("acknowledge", ACK)),
        ("acknowledged", ("resolve", RESOLVE)),
        ("in_progress", ("resolve", RESOLVE)),
        ("info_requested", None),
        ("resolved", None),
        ("closed", None),
    ],
)
def test_the_deadline_that_runs_depends_on_the_status(
    status: Status, runs: tuple[str, datetime] | None
) -> None:
    assert deadline_for(status, ACK, RESOLVE) == runs


def test_waiting_for_the_citizen_stops_the_clock() -> None:
    assert deadline_for("info_requested", ACK, ACK + timedelta(days=1)) is None
