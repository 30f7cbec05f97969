"""Which changes of a request a citizen is told about, read from routing's and intake's events."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from dekat.payloads import RequestAssigned, RequestStatusChanged

RECEIVED_SEQ = 0
"""intake numbers a new request's status 0; routing numbers every later change."""

KIND_OF_STATUS = {
    "acknowledged": "acknowledged",
    "in_progress": "in_progress",
    "info_requested": "info_requested",
    "resolved": "resolved",
    "reopened": "reopened",
}
"""Statuses worth a message. `rejected` and `transferred` are followed by a re-assignment, which
is told as `rerouted`; `assigned` arrives as its own event; `closed` follows a resolution."""

KINDS = ("received", "assigned", "rerouted", "escalated", *KIND_OF_STATUS.values())


@dataclass(frozen=True)
class Change:
    request_id: str
    status_seq: int
    kind: str
    at: datetime
    agency_name: str | None = None
    deadline: datetime | None = None
    note: str | None = None
    urgent: bool = False
    escalation: str | None = None
    """For an escalation: reminder, supervisor or coordinator."""
    escalated_to: str | None = None
    missed: str | None = None
    """For an escalation: the deadline missed, acknowledge or resolve."""


def received(request_id: str, at: datetime, *, urgent: bool = False) -> Change:
    return Change(request_id, RECEIVED_SEQ, "received", at, urgent=urgent)


def from_assigned(request_id: str, a: RequestAssigned) -> Change:
    """An assignment; one that moves the request away from another agency is a re-routing."""
    return Change(
        request_id,
        a.status_seq,
        "rerouted" if a.previous_agency_code else "assigned",
        a.assigned_at,
        agency_name=a.agency_name,
        deadline=a.resolve_by,
        urgent=a.urgent,
    )


def from_status(request_id: str, s: RequestStatusChanged) -> Change | None:
    """The change to tell, or None for a status the citizen hears about otherwise."""
    kind = "escalated" if s.change == "escalated" else KIND_OF_STATUS.get(s.status)
    if s.change in ("update", "reminder"):
        kind = None  # told once notify has words for them
    if kind is None:
        return None
    return Change(
        request_id,
        s.status_seq,
        kind,
        s.changed_at,
        agency_name=s.agency_name,
        deadline=s.deadline,
        note=s.note,
        urgent=s.urgent,
        escalation=s.escalation,
        escalated_to=s.escalated_to,
        missed=s.missed,
    )
