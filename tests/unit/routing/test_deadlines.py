"""The escalation ladder once a deadline passes: the agency, its supervisor, the coordinator."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from routing.deadlines import LADDER, escalation

from tests.unit.routing.builders import agency, network

DUE = datetime(2026, 3, 16, 3, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("step_index", "step", "told"),
    [(0, "reminder", "sudin-sda"), (1, "supervisor", "dinas-sda"), (2, "coordinator", "mpp")],
)
def test_each_step_tells_the_next_one_up(step_index: int, step: str, told: str) -> None:
    n = network()

    e = escalation(step_index, "acknowledge", DUE, n.agencies["sudin-sda"], n, every_hours=2)

    assert (e.step, e.target.code) == (step, told)


def test_the_next_step_is_due_after_the_escalation_interval_in_working_hours() -> None:
    n = network()

    e = escalation(0, "resolve", DUE, n.agencies["sudin-sda"], n, every_hours=2)

    assert e.next_due == DUE + timedelta(hours=2)


def test_after_the_coordinator_nothing_more_is_due() -> None:
    n = network()

    e = escalation(len(LADDER) - 1, "resolve", DUE, n.agencies["sudin-sda"], n, every_hours=2)

    assert e.next_due is None


def test_an_agency_without_supervisor_escalates_to_the_coordinator() -> None:
    n = network(agency("orphan", supervisor=None))

    e = escalation(1, "acknowledge", DUE, n.agencies["orphan"], n, every_hours=2)

    assert e.target.code == "mpp"


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
            "Sudin SDA has not resolved the request by its deadline; escalated to the coordinator, Mpp",
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
