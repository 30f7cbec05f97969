"""What each event said about a request, and the request its facts add up to (pure).

A request's events arrive on several topics, in no order across them, and a rebuild replays them
in another: so each event is kept as a `Fact`, and the request is folded again from all of its
facts whenever one arrives. The same facts always fold into the same `Record`.

Nothing here holds a person: no name, no contact, no tracking code; a description only for a
public request, masked; coordinates only for a public request, rounded to about 100 m.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, Literal

from dekat.payloads import RequestAssigned, RequestStatusChanged, RequestSubmitted

from intake import masking

Kind = Literal["submitted", "assigned", "status"]
ORDER: dict[Kind, int] = {"submitted": 0, "assigned": 1, "status": 2}
DECIMALS = 3
"""Coordinates rounded to 0.001°: about 110 m north-south, a little less east-west near the equator."""


@dataclass(frozen=True)
class Place:
    kelurahan: str | None = None
    kecamatan: str | None = None


@dataclass(frozen=True)
class Fact:
    kind: Kind
    seq: int
    at: datetime
    event_id: str
    data: dict[str, Any]


@dataclass(frozen=True)
class Assignment:
    agency: str
    at: datetime
    bounced: bool = False
    """The agency said "not ours" afterwards."""


@dataclass(frozen=True)
class Record:
    request_id: str
    service_code: str | None = None
    origin: str | None = None
    privacy: str | None = None
    place: Place = Place()
    lat: float | None = None
    long: float | None = None
    description: str | None = None
    submitted_at: datetime | None = None
    status: str = "received"
    status_seq: int = 0
    agency_code: str | None = None
    urgent: bool = False
    first_assigned_at: datetime | None = None
    assigned_at: datetime | None = None
    """When the agency holding it now was given it."""
    acknowledge_by: datetime | None = None
    resolve_by: datetime | None = None
    acknowledged_at: datetime | None = None
    resolved_at: datetime | None = None
    """The first resolution by the agency holding it (a contest does not move it)."""
    closed_at: datetime | None = None
    reopened: int = 0
    escalated: int = 0
    """Escalations while the agency holding it now held it."""
    merged: bool = False
    assignments: tuple[Assignment, ...] = ()


def submitted(s: RequestSubmitted, place: Place, event_id: str) -> Fact:
    """Only what the public side may keep of a submission: no code, no identity, no exact place."""
    public = s.privacy == "public"
    data = {
        "service_code": s.service_code,
        "origin": s.channel,
        "privacy": s.privacy,
        "urgent": s.priority == "urgent",
        "kelurahan": place.kelurahan,
        "kecamatan": place.kecamatan,
        "lat": round(s.lat, DECIMALS) if public and s.lat is not None else None,
        "long": round(s.long, DECIMALS) if public and s.long is not None else None,
        "description": masking.masked(s.description) if public else None,
    }
    return Fact("submitted", 0, s.submitted_at, event_id, data)


def assigned(a: RequestAssigned, event_id: str) -> Fact:
    data = {
        "agency_code": a.agency_code,
        "acknowledge_by": stamp(a.acknowledge_by),
        "resolve_by": stamp(a.resolve_by),
        "urgent": a.urgent,
    }
    return Fact("assigned", a.status_seq, a.assigned_at, event_id, data)


def status(s: RequestStatusChanged, event_id: str) -> Fact:
    data = {
        "status": s.status,
        "change": s.change,
        "reason": s.reason,
        "agency_code": s.agency_code,
        "deadline": stamp(s.deadline),
    }
    return Fact("status", s.status_seq, s.changed_at, event_id, data)


def stamp(at: datetime | None) -> str | None:
    return at.isoformat() if at else None


def moment(text: Any) -> datetime | None:
    return datetime.fromisoformat(text) if isinstance(text, str) else None


def fold(request_id: str, facts: list[Fact]) -> Record:
    """The request as its facts tell it, whatever order they came in."""
    record = Record(request_id)
    for fact in sorted(facts, key=lambda f: (f.seq, ORDER[f.kind], f.at, f.event_id)):
        record = STEPS[fact.kind](record, fact)
    return record


def on_submitted(r: Record, f: Fact) -> Record:
    d = f.data
    return replace(
        r,
        service_code=d["service_code"],
        origin=d["origin"],
        privacy=d["privacy"],
        urgent=r.urgent or bool(d.get("urgent")),
        place=Place(d.get("kelurahan"), d.get("kecamatan")),
        lat=d.get("lat"),
        long=d.get("long"),
        description=d.get("description"),
        submitted_at=f.at,
    )


def on_assigned(r: Record, f: Fact) -> Record:
    """A new holder: its own deadlines, and it has yet to acknowledge and resolve."""
    d, later = f.data, f.seq > r.status_seq
    return replace(
        r,
        agency_code=d["agency_code"],
        urgent=r.urgent or bool(d.get("urgent")),
        first_assigned_at=min(r.first_assigned_at or f.at, f.at),
        assigned_at=f.at,
        acknowledge_by=moment(d.get("acknowledge_by")),
        resolve_by=moment(d.get("resolve_by")),
        acknowledged_at=None,
        resolved_at=None,
        escalated=0,
        status="assigned" if later else r.status,
        status_seq=max(r.status_seq, f.seq),
        assignments=(*r.assignments, Assignment(d["agency_code"], f.at)),
    )


def on_status(r: Record, f: Fact) -> Record:
    d = f.data
    if d["change"] == "escalated":
        return replace(r, escalated=r.escalated + 1)
    if d["change"] != "status":
        return r  # an update or a reminder: the status stays
    moved = replace(r, status=d["status"], status_seq=max(r.status_seq, f.seq))
    return STATUS_STEPS.get(d["status"], unchanged)(moved, f)


def unchanged(r: Record, f: Fact) -> Record:
    return r


def acknowledged(r: Record, f: Fact) -> Record:
    return replace(r, acknowledged_at=r.acknowledged_at or f.at, resolve_by=deadline(r, f))


def in_progress(r: Record, f: Fact) -> Record:
    return replace(r, resolve_by=deadline(r, f))


def deadline(r: Record, f: Fact) -> datetime | None:
    """The resolve deadline now (it moves on after the citizen answered a question)."""
    return moment(f.data.get("deadline")) or r.resolve_by


def resolved(r: Record, f: Fact) -> Record:
    return replace(r, resolved_at=r.resolved_at or f.at)


def closed(r: Record, f: Fact) -> Record:
    return replace(r, closed_at=f.at, merged=f.data.get("reason") == "merged")


def reopened(r: Record, f: Fact) -> Record:
    return replace(r, reopened=r.reopened + 1)


def rejected(r: Record, f: Fact) -> Record:
    """ "Not ours": the last assignment to the agency that said it bounced."""
    agency, found = f.data.get("agency_code"), list(r.assignments)
    for i in reversed(range(len(found))):
        if found[i].agency == agency:
            found[i] = replace(found[i], bounced=True)
            break
    return replace(r, assignments=tuple(found))


STEPS = {"submitted": on_submitted, "assigned": on_assigned, "status": on_status}
STATUS_STEPS = {
    "acknowledged": acknowledged,
    "in_progress": in_progress,
    "resolved": resolved,
    "closed": closed,
    "reopened": reopened,
    "rejected": rejected,
}
