from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from dekat.payloads import RequestAssigned, RequestStatusChanged
from notify.changes import cause_of, from_assigned, from_status, received

AT = datetime(2025, 3, 10, 5, 0, tzinfo=UTC)
REQUEST_ID = "0b6c8f4e-2a51-4c1e-9d43-5f7e2b8a6c10"


def assignment(**overrides: object) -> RequestAssigned:
    fields: dict[str, object] = {
        "request_id": REQUEST_ID,
        "agency_code": "pam-jaya",
        "agency_name": "PAM Jaya",
        "reasons": [],
        "rule_version": 1,
        "status_seq": 1,
        "assigned_at": AT,
        "resolve_by": AT + timedelta(days=2),
    }
    return RequestAssigned.model_validate({**fields, **overrides})


def status_change(status: str, **overrides: object) -> RequestStatusChanged:
    fields: dict[str, object] = {
        "request_id": REQUEST_ID,
        "status": status,
        "status_seq": 4,
        "changed_at": AT,
    }
    return RequestStatusChanged.model_validate({**fields, **overrides})


def test_a_new_request_is_change_zero() -> None:
    assert (received(REQUEST_ID, AT).status_seq, received(REQUEST_ID, AT).kind) == (0, "received")


def test_a_first_assignment_tells_who_and_by_when() -> None:
    change = from_assigned(REQUEST_ID, assignment())

    assert (change.kind, change.agency_name, change.deadline) == (
        "assigned",
        "PAM Jaya",
        AT + timedelta(days=2),
    )


def test_an_urgent_requests_assignment_is_an_urgent_change() -> None:
    assert from_assigned(REQUEST_ID, assignment(urgent=True)).urgent
    assert from_assigned(REQUEST_ID, assignment(urgent=True, previous_agency_code="dinas-sda")).urgent


def test_an_assignment_is_not_urgent_unless_routing_says_so() -> None:
    assert not from_assigned(REQUEST_ID, assignment()).urgent


def test_an_urgent_request_is_received_as_an_urgent_change() -> None:
    assert received(REQUEST_ID, AT, urgent=True).urgent
    assert not received(REQUEST_ID, AT).urgent


def test_an_assignment_away_from_another_agency_is_a_rerouting() -> None:
    assert from_assigned(REQUEST_ID, assignment(previous_agency_code="dinas-bina-marga")).kind == "rerouted"


@pytest.mark.parametrize("status", ["acknowledged", "in_progress", "info_requested", "resolved", "reopened"])
def test_statuses_the_citizen_hears_about(status: str) -> None:
    change = from_status(REQUEST_ID, status_change(status, note="n", urgent=True))

    assert change is not None
    assert (change.kind, change.status_seq, change.note, change.urgent) == (status, 4, "n", True)


@pytest.mark.parametrize("status", ["closed", "assigned", "received"])
def test_statuses_told_otherwise_make_no_change(status: str) -> None:
    assert from_status(REQUEST_ID, status_change(status)) is None


def test_a_request_closed_after_the_citizen_rated_it_makes_no_change() -> None:
    assert from_status(REQUEST_ID, status_change("closed", reason="rated")) is None


@pytest.mark.parametrize("reason", ["unanswered", "merged"])
def test_a_request_closed_without_the_citizen_is_told(reason: str) -> None:
    change = from_status(REQUEST_ID, status_change("closed", reason=reason))

    assert change is not None
    assert (change.kind, change.reason) == ("closed", reason)


@pytest.mark.parametrize("status", ["rejected", "transferred"])
def test_a_rejection_or_transfer_is_kept_with_the_agencys_words_for_the_rerouting(status: str) -> None:
    change = from_status(REQUEST_ID, status_change(status, note="Saluran milik PAM Jaya", reason="not_ours"))

    assert change is not None
    assert (change.kind, change.note) == (status, "Saluran milik PAM Jaya")


def test_a_supporting_agencys_update_is_a_change_that_names_it() -> None:
    s = status_change(
        "in_progress",
        change="update",
        note="Relawan sudah di lokasi",
        by_agency={"code": "pmi", "name": "PMI"},
    )
    change = from_status(REQUEST_ID, s)

    assert change is not None
    assert (change.kind, change.status, change.by_agency, change.note) == (
        "update",
        "in_progress",
        "PMI",
        "Relawan sudah di lokasi",
    )


def test_a_reminder_keeps_the_citizens_answer_deadline() -> None:
    change = from_status(REQUEST_ID, status_change("info_requested", change="reminder", deadline=AT))

    assert change is not None
    assert (change.kind, change.deadline) == ("reminder", AT)


def test_an_assignment_names_who_helps_and_why_in_every_language() -> None:
    change = from_assigned(
        REQUEST_ID,
        assignment(
            supporting=[{"code": "pmi", "name": "Palang Merah Indonesia"}],
            explanation={"id": ["Lokasi di Menteng"], "en": ["In Menteng"]},
        ),
    )

    assert change.supporting == ("Palang Merah Indonesia",)
    assert change.explanation == {"id": ["Lokasi di Menteng"], "en": ["In Menteng"]}


def test_a_rerouting_is_caused_by_the_rejection_just_before_it() -> None:
    rejected = from_status(REQUEST_ID, status_change("rejected", status_seq=4, note="bukan kami"))
    rerouted = from_assigned(REQUEST_ID, assignment(status_seq=5, previous_agency_code="dinas-bina-marga"))
    assert rejected is not None

    assert cause_of([rejected, rerouted], rerouted) == rejected
    assert cause_of([rejected, rerouted], rejected) is None


def test_an_escalation_is_told_whatever_status_the_request_keeps() -> None:
    change = from_status(REQUEST_ID, status_change("assigned", change="escalated", escalation="reminder"))

    assert change is not None
    assert change.kind == "escalated"


def test_an_escalation_carries_its_step_the_agency_told_and_the_deadline_missed() -> None:
    change = from_status(
        REQUEST_ID,
        status_change(
            "in_progress",
            change="escalated",
            escalation="supervisor",
            escalated_to="Dinas SDA",
            missed="resolve",
        ),
    )

    assert change is not None
    assert (change.escalation, change.escalated_to, change.missed) == ("supervisor", "Dinas SDA", "resolve")
