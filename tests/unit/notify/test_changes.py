from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from dekat.payloads import RequestAssigned, RequestStatusChanged
from notify.changes import from_assigned, from_status, received

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


@pytest.mark.parametrize("status", ["closed", "rejected", "transferred", "assigned"])
def test_statuses_told_otherwise_make_no_message(status: str) -> None:
    assert from_status(REQUEST_ID, status_change(status)) is None


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
