"""Which changes of a request a citizen is told about, read from routing's and intake's events."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal, get_args

from dekat.payloads import RequestAssigned, RequestStatusChanged
from dekat.vocabulary import ChangeKind, Status

RECEIVED_SEQ = 0
"""intake numbers a new request's status 0; routing numbers every later change."""

Kind = Literal[
    "received",
    "assigned",
    "rerouted",
    "acknowledged",
    "in_progress",
    "info_requested",
    "reminder",
    "update",
    "resolved",
    "reopened",
    "closed",
    "escalated",
    "rejected",
    "transferred",
]
KINDS: tuple[Kind, ...] = get_args(Kind)
SILENT: tuple[Kind, ...] = ("rejected", "transferred")
"""Kept, but told with the re-assignment that follows them (`rerouted`, with their reason)."""
TOLD: tuple[Kind, ...] = tuple(k for k in KINDS if k not in SILENT)

KIND_OF_STATUS: dict[Status, Kind] = {
    "acknowledged": "acknowledged",
    "in_progress": "in_progress",
    "info_requested": "info_requested",
    "resolved": "resolved",
    "reopened": "reopened",
    "rejected": "rejected",
    "transferred": "transferred",
}
"""`assigned` arrives as its own event; `closed` is told only when the citizen did not close it."""
KIND_OF_CHANGE: dict[ChangeKind, Kind] = {
    "escalated": "escalated",
    "update": "update",
    "reminder": "reminder",
}
"""Changes that leave the status where it is: each told on its own."""
CLOSED_TOLD = ("unanswered", "merged")
"""A request closed for these reasons is told; closed after a rating, the citizen knows."""


@dataclass(frozen=True)
class Change:
    request_id: str
    status_seq: int
    kind: Kind
    at: datetime
    status: Status = "received"
    """The request's status after this change."""
    agency_name: str | None = None
    deadline: datetime | None = None
    note: str | None = None
    """The agency's own words: the question, the resolution, the reason, the update."""
    urgent: bool = False
    reason: str | None = None
    by_agency: str | None = None
    """The agency that acted, when it is not the holder (a supporting agency's update)."""
    supporting: tuple[str, ...] = ()
    explanation: dict[str, list[str]] = field(default_factory=dict)
    """Why this agency, per language."""
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
        status="assigned",
        agency_name=a.agency_name,
        deadline=a.resolve_by,
        urgent=a.urgent,
        supporting=tuple(s.name for s in a.supporting),
        explanation={language: list(lines) for language, lines in a.explanation.items()},
    )


def kind_of(s: RequestStatusChanged) -> Kind | None:
    """What the citizen is told about this change, or None for nothing."""
    if s.change != "status":
        return KIND_OF_CHANGE.get(s.change)
    if s.status == "closed":
        return "closed" if s.reason in CLOSED_TOLD else None
    return KIND_OF_STATUS.get(s.status)


def from_status(request_id: str, s: RequestStatusChanged) -> Change | None:
    """The change to keep, or None for one the citizen hears about otherwise (or not at all)."""
    kind = kind_of(s)
    if kind is None:
        return None
    return Change(
        request_id,
        s.status_seq,
        kind,
        s.changed_at,
        status=s.status,
        agency_name=s.agency_name,
        deadline=s.deadline,
        note=s.note,
        urgent=s.urgent,
        reason=s.reason,
        by_agency=s.by_agency.name if s.by_agency else None,
        escalation=s.escalation,
        escalated_to=s.escalated_to,
        missed=s.missed,
    )


def cause_of(known: list[Change], change: Change) -> Change | None:
    """For a re-routing: the rejection or transfer just before it (its reason), if known."""
    if change.kind != "rerouted":
        return None
    before = [c for c in known if c.status_seq < change.status_seq]
    last = before[-1] if before else None
    return last if last is not None and last.kind in SILENT else None
