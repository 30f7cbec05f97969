"""The projection's tables (`public_*`). Connection first; callers own the transaction."""

from __future__ import annotations

from dataclasses import asdict, astuple, dataclass
from datetime import datetime
from typing import Any

from dekat.db import Connection
from dekat.payloads import NetworkAgency

from intake.projection import durations
from intake.projection.durations import Hours, WorkingTime
from intake.projection.facts import Assignment, Fact, Place, Record

LOCKS = 0x5055  # "PU": the advisory lock space of the projection's per-request locks
AGENCY_LOCKS = 0x5041  # "PA": and of its per-agency locks
CHANNEL = "public"
"""Notified (on commit) by every write, so the figures are computed again."""
TABLES = ("public_facts", "public_requests", "public_agencies", "public_surveys", "public_ratings")
"""What a rebuild empties; the published snapshots stay."""


async def generation(conn: Connection) -> int:
    """The generation being built, held (shared) until commit: a rebuild waits for this write."""
    found: int = await conn.fetchval("SELECT generation FROM public_state FOR SHARE")
    return found


async def changed(conn: Connection) -> None:
    await conn.execute("SELECT pg_notify($1, '')", CHANNEL)


async def lock_request(conn: Connection, request_id: str) -> None:
    """One writer per request at a time: its facts are read after its lock."""
    await conn.execute("SELECT pg_advisory_xact_lock($1, hashtext($2))", LOCKS, request_id)


async def lock_agency(conn: Connection, code: str, *, shared: bool) -> None:
    """Requests being folded hold their agency shared; a new calendar for it, exclusively."""
    how = "pg_advisory_xact_lock_shared" if shared else "pg_advisory_xact_lock"
    await conn.execute(f"SELECT {how}($1, hashtext($2))", AGENCY_LOCKS, code)


async def add_fact(conn: Connection, request_id: str, fact: Fact) -> None:
    await conn.execute(
        "INSERT INTO public_facts (request_id, event_id, kind, seq, at, data) VALUES ($1, $2, $3, $4, $5, $6)"
        " ON CONFLICT DO NOTHING",
        request_id,
        fact.event_id,
        fact.kind,
        fact.seq,
        fact.at,
        fact.data,
    )


async def facts_of(conn: Connection, request_id: str) -> list[Fact]:
    rows = await conn.fetch(
        "SELECT kind, seq, at, event_id::text, data FROM public_facts WHERE request_id = $1", request_id
    )
    return [Fact(r["kind"], r["seq"], r["at"], r["event_id"], r["data"]) for r in rows]


async def save(conn: Connection, record: Record, hours: Hours, revision: int | None) -> None:
    row = columns(record, hours, revision)
    names = ", ".join(row)
    values = ", ".join(f"${i}" for i in range(1, len(row) + 1))
    updates = ", ".join(f"{name} = EXCLUDED.{name}" for name in row if name != "request_id")
    await conn.execute(
        f"INSERT INTO public_requests ({names}) VALUES ({values})"
        f" ON CONFLICT (request_id) DO UPDATE SET {updates}",
        *row.values(),
    )


def columns(r: Record, hours: Hours, revision: int | None) -> dict[str, Any]:
    fields = asdict(r)
    del fields["place"], fields["assignments"]
    return {
        **fields,
        "kelurahan": r.place.kelurahan,
        "kecamatan": r.place.kecamatan,
        "assignments": [
            {"agency": a.agency, "at": a.at.isoformat(), "bounced": a.bounced} for a in r.assignments
        ],
        "hours_to_assign": hours.to_assign,
        "hours_to_acknowledge": hours.to_acknowledge,
        "hours_to_resolve": hours.to_resolve,
        "calendar_revision": revision,
    }


def record_of(row: dict[str, Any]) -> Record:
    """A stored request, as `fold` made it (for the tests and the open data)."""
    kept = {k: v for k, v in row.items() if k in Record.__dataclass_fields__}
    assignments = tuple(
        Assignment(a["agency"], datetime.fromisoformat(a["at"]), a["bounced"]) for a in row["assignments"]
    )
    place = Place(row["kelurahan"], row["kecamatan"])
    return Record(
        **{**kept, "request_id": str(row["request_id"]), "place": place, "assignments": assignments}
    )


async def working_time(conn: Connection, code: str | None) -> WorkingTime | None:
    if code is None:
        return None
    row = await conn.fetchrow(
        "SELECT code, name, kind, supervisor, calendar, on_call, revision FROM public_agencies"
        " WHERE code = $1",
        code,
    )
    return durations.working_time(NetworkAgency.model_validate(dict(row))) if row else None


async def keep_agency(conn: Connection, a: NetworkAgency) -> bool:
    """Store `a` unless the same or a newer revision is here; whether it was stored."""
    status: str = await conn.execute(
        "INSERT INTO public_agencies (code, name, kind, supervisor, calendar, on_call, revision)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name,"
        " kind = EXCLUDED.kind, supervisor = EXCLUDED.supervisor, calendar = EXCLUDED.calendar,"
        " on_call = EXCLUDED.on_call, revision = EXCLUDED.revision"
        " WHERE public_agencies.revision < EXCLUDED.revision",
        a.code,
        a.name,
        a.kind,
        a.supervisor,
        a.calendar,
        a.on_call,
        a.revision,
    )
    return status.endswith(" 1")


async def held_by(conn: Connection, code: str) -> list[str]:
    """The requests the agency holds (whose hours its calendar counts)."""
    rows = await conn.fetch("SELECT request_id::text FROM public_requests WHERE agency_code = $1", code)
    return [r["request_id"] for r in rows]


@dataclass(frozen=True)
class Said:
    """One reporter's newest word on a request; the later (then the larger event id) wins."""

    request_id: str
    reporter_id: str
    at: datetime
    event_id: str


async def keep_survey(conn: Connection, said: Said, answers: dict[str, int | None]) -> None:
    await conn.execute(
        "INSERT INTO public_surveys (request_id, reporter_id, answered_at, event_id, answers)"
        " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (request_id, reporter_id) DO UPDATE SET"
        " answers = EXCLUDED.answers, answered_at = EXCLUDED.answered_at, event_id = EXCLUDED.event_id"
        " WHERE (public_surveys.answered_at, public_surveys.event_id)"
        " < (EXCLUDED.answered_at, EXCLUDED.event_id)",
        *astuple(said),
        answers,
    )


async def keep_rating(conn: Connection, said: Said, rating: int) -> None:
    await conn.execute(
        "INSERT INTO public_ratings (request_id, reporter_id, given_at, event_id, rating)"
        " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (request_id, reporter_id) DO UPDATE SET"
        " rating = EXCLUDED.rating, given_at = EXCLUDED.given_at, event_id = EXCLUDED.event_id"
        " WHERE (public_ratings.given_at, public_ratings.event_id) < (EXCLUDED.given_at, EXCLUDED.event_id)",
        *astuple(said),
        rating,
    )
