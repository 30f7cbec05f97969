"""A request's history in routing: what every party did and said. `conn` first; callers own the
transaction. Agencies read it in their API and in the work item of a request handed to them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from dekat.db import Connection
from dekat.events import Envelope
from dekat.payloads import AgencyHistoryEntry
from dekat.vocabulary import Status

from routing.agencies import Agency

Kind = Literal["status", "citizen_message", "partner_update", "escalated", "refused"]
CITIZEN = "citizen"
ROUTING = "routing"


@dataclass(frozen=True)
class Done:
    """Who did it, and when: an agency (with its staff member, if one signed in), or the citizen."""

    agency: Agency | None
    staff: str | None
    at: datetime
    caused_by: Envelope | None

    @property
    def by(self) -> str:
        return self.agency.code if self.agency else CITIZEN

    @property
    def acting(self) -> Agency:
        assert self.agency is not None, "only an agency does this"
        return self.agency


@dataclass(frozen=True)
class Entry:
    request_id: str
    status_seq: int
    kind: Kind
    by: str
    """An agency code, `citizen` or `routing`."""
    at: datetime
    status: Status | None = None
    text: str | None = None
    staff: str | None = None
    """The staff member who acted, when one signed in to the console."""


async def add(conn: Connection, e: Entry) -> None:
    await conn.execute(
        "INSERT INTO history (request_id, status_seq, kind, status, by_party, staff, text, at)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        e.request_id,
        e.status_seq,
        e.kind,
        e.status,
        e.by,
        e.staff,
        e.text,
        e.at,
    )


async def of_request(conn: Connection, request_id: str) -> list[dict[str, Any]]:
    rows = await conn.fetch(
        "SELECT status_seq, kind, status, by_party AS by, staff, text, at FROM history"
        " WHERE request_id = $1 ORDER BY id",
        request_id,
    )
    return [dict(r) for r in rows]


def for_agencies(rows: list[dict[str, Any]]) -> list[AgencyHistoryEntry]:
    """What an agency taking the request over reads of its past (refusals are the actor's own)."""
    return [
        AgencyHistoryEntry(at=r["at"], kind=r["kind"], status=r["status"], by=r["by"], text=r["text"])
        for r in rows
        if r["kind"] != "refused"
    ]
