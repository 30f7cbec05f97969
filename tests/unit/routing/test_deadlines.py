"""The escalation ladder once a deadline passes: distinct offices up to the coordinator, ending
in a state someone owns; and the citizen's own deadline to answer a question."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from routing.deadlines import answer_deadline, answer_step, escalation, ladder

from tests.unit.routing.builders import agency, network

DUE = datetime(2026, 3, 16, 3, 0, tzinfo=UTC)


def codes(holder: str, *extra: object) -> list[str]:
    n = network(*extra)  # type: ignore[arg-type]
    return [a.code for a in ladder(n.agencies[holder], n)]


def test_the_ladder_climbs_from_the_holder_through_its_supervisor_to_the_coordinator() -> None:
    assert codes("sudin-sda") == ["sudin-sda", "dinas-sda", "mpp"]


def test_where_the_supervisor_is_the_coordinator_the_ladder_has_no_step_twice() -> None:
    assert codes("dinas-sda") == ["dinas-sda", "mpp"]


def test_a_request_the_coordinator_holds_does_not_escalate_to_itself() -> None:
    assert codes("mpp") == ["mpp"]


def test_an_agency_without_supervisor_escalates_to_the_coordinator() -> None:
    assert codes("orphan", agency("orphan", supervisor=None)) == ["orphan", "mpp"]


def test_a_supervisor_cycle_ends_at_the_coordinator() -> None:
    assert codes("a", agency("a", supervisor="b"), agency("b", supervisor="a")) == ["a", "b", "mpp"]


@pytest.mark.parametrize(
    ("step_index", "step", "told", "last"),
    [
        (0, "reminder", "sudin-sda", False),
        (1, "supervisor", "dinas-sda", False),
        (2, "coordinator", "mpp", True),
    ],
)
def test_each_step_tells_the_next_office_up(step_index: int, step: str, told: str, last: bool) -> None:
    n = network()

    e = escalation(step_index, "acknowledge", DUE, n.agencies["sudin-sda"], n, every_hours=2)

    assert (e.step, e.target.code, e.last) == (step, told, last)


def test_the_last_step_makes_the_office_told_oversee_the_request_and_nothing_more_is_due() -> None:
    n = network()

    e = escalation(1, "resolve", DUE, n.agencies["dinas-sda"], n, every_hours=2)

    assert (e.step, e.target.code, e.oversees, e.stuck, e.next_due) == (
        "coordinator",
        "mpp",
        True,
        False,
        None,
    )


def test_the_coordinators_own_missed_deadline_is_a_reminder_then_operators_are_told() -> None:
    n = network()

    e = escalation(0, "acknowledge", DUE, n.agencies["mpp"], n, every_hours=2)

    assert (e.step, e.target.code, e.oversees, e.stuck, e.next_due) == ("reminder", "mpp", False, True, None)
    assert "nobody above it is left to tell" in e.note


def test_the_next_step_is_due_after_the_escalation_interval_in_working_hours() -> None:
    n = network()

    e = escalation(0, "resolve", DUE, n.agencies["sudin-sda"], n, every_hours=2)

    assert e.next_due == DUE + timedelta(hours=2)


@pytest.mark.parametrize(
    ("kind", "step_index", "note"),
    [
        (
            "acknowledge",
            0,
            "Sudin SDA has not acknowledged the request by its deadline; it has been reminded",
        ),
        (
            "resolve",
            1,
            "Sudin SDA has not resolved the request by its deadline; escalated to its supervisor, Dinas SDA",
        ),
        (
            "resolve",
            2,
            "Sudin SDA has not resolved the request by its deadline; escalated to the coordinator, Mpp;"
            " Mpp now oversees it",
        ),
    ],
)
def test_the_agencies_read_what_happened_in_english(kind: str, step_index: int, note: str) -> None:
    n = network()

    assert escalation(step_index, kind, DUE, n.agencies["sudin-sda"], n, every_hours=2).note == note


@pytest.mark.parametrize("kind", ["acknowledge", "resolve"])
def test_the_step_says_which_deadline_was_missed(kind: str) -> None:
    n = network()

    assert escalation(0, kind, DUE, n.agencies["sudin-sda"], n, every_hours=2).kind == kind


def test_the_citizen_has_days_to_answer_and_is_reminded_halfway() -> None:
    assert answer_deadline(DUE, 5) == (DUE + timedelta(days=2.5), DUE + timedelta(days=5))


def test_a_reachable_citizen_is_reminded_then_the_agency_is_told() -> None:
    answer_by = DUE + timedelta(days=5)

    first, second = (
        answer_step(0, answer_by=answer_by, reachable=True),
        answer_step(1, answer_by=answer_by, reachable=True),
    )

    assert (first.remind_citizen, first.next_due) == (True, answer_by)
    assert (second.remind_citizen, second.next_due) == (False, None)


def test_a_citizen_nobody_can_reach_is_never_reminded() -> None:
    step = answer_step(0, answer_by=DUE, reachable=False)

    assert (step.remind_citizen, step.next_due) == (False, None)
