"""What the HTTP API shows: decisions with their reasons, and an agency's own requests."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from dekat.db import Connection
from dekat.payloads import RequestFacts
from dekat.vocabulary import OPEN

from routing import history, store
from routing.decisions import Request

COLUMNS = (
    "a.request_id::text, a.agency_code, g.name AS agency_name, a.status, a.status_seq, a.reasons,"
    " a.rule_id, a.rule_version, a.supporting, a.overseer, a.assigned_at, a.acknowledge_by, a.resolve_by,"
    " a.answer_by, a.deadline_kind, a.due_at, a.escalation_step, r.tracking_code, r.service_code,"
    " r.description, r.lat, r.long, r.address, r.attributes, r.priority, r.privacy, r.facts,"
    " r.shared_identity, a.reporters, a.case_id::text"
)
FROM = " FROM assignments a JOIN agencies g ON g.code = a.agency_code JOIN requests r USING (request_id)"
VIEW = f"SELECT {COLUMNS}{FROM}"
ROLE = (
    "CASE WHEN a.agency_code = $1 THEN 'lead' WHEN a.overseer = $1 THEN 'overseer'"
    " ELSE 'supporting' END AS role"
)
VIEW_WITH_ROLE = f"SELECT {COLUMNS}, {ROLE}{FROM}"
TAKING_PART = "(a.agency_code = $1 OR a.overseer = $1 OR a.supporting ? $1)"


async def explanation(conn: Connection, request_id: str) -> dict[str, Any] | None:
    """Who holds the request, why, by when, and every decision before this one."""
    row = await conn.fetchrow(VIEW + " WHERE a.request_id = $1", request_id)
    if row is None:
        return None
    decided = [
        dict(h)
        for h in await conn.fetch(
            "SELECT agency_code, previous_agency_code, outcome, rule_id, rule_version, reasons, explanation,"
            " decided_at FROM decisions WHERE request_id = $1 ORDER BY id",
            request_id,
        )
    ]
    keep = (
        *("request_id", "agency_code", "agency_name", "status", "status_seq", "reasons", "rule_id"),
        *("rule_version", "supporting", "assigned_at", "acknowledge_by", "resolve_by", "escalation_step"),
    )
    latest = decided[-1]["explanation"] if decided else {}
    return {**{k: row[k] for k in keep}, "explanation": latest, "decisions": decided}


async def agency_request(
    conn: Connection, agency_code: str, request_id: str, *, now: datetime | None = None
) -> dict[str, Any] | None:
    """The request as an agency with a part in it sees it: facts, state, history; None otherwise."""
    row = await conn.fetchrow(
        f"{VIEW_WITH_ROLE} WHERE {TAKING_PART} AND a.request_id = $2", agency_code, request_id
    )
    if row is None:
        return None
    found = dict(row)
    facts = found.pop("facts")
    identity = found.pop("shared_identity")
    shown = {**found, "photos": facts.get("photos", []), "area_code": facts.get("area_code")}
    shown["citizen_reachable"] = facts.get("citizen_reachable", True)
    shown["shared_identity"] = identity if found["role"] == "lead" and found["privacy"] == "public" else None
    facts_ = RequestFacts.model_validate(facts)
    duplicates = (
        await store.possible_duplicates(conn, facts_, now or datetime.now(UTC))
        if found["role"] != "supporting"
        else []
    )
    return {**shown, "possible_duplicates": duplicates, "history": await history.of_request(conn, request_id)}


async def agency_requests(
    conn: Connection, agency_code: str, *, status: str | None, service: str | None, limit: int
) -> list[dict[str, Any]]:
    """The open and recent requests an agency has a part in: urgent first, then by deadline."""
    rows = await conn.fetch(
        f"{VIEW_WITH_ROLE} WHERE {TAKING_PART} AND ($2::text IS NULL OR a.status = $2)"
        " AND ($3::text IS NULL OR r.service_code = $3)"
        " ORDER BY (r.priority = 'urgent') DESC, coalesce(a.due_at, a.resolve_by), a.assigned_at LIMIT $4",
        agency_code,
        status,
        service,
        limit,
    )
    return [{k: v for k, v in dict(r).items() if k not in ("facts", "shared_identity")} for r in rows]


async def bounces(conn: Connection) -> list[dict[str, Any]]:
    rows = await conn.fetch(
        "SELECT rule_version, rule_id, agency_code, bounces FROM rule_bounces"
        " ORDER BY rule_version DESC, bounces DESC"
    )
    return [dict(r) for r in rows]


async def agencies_with_load(
    conn: Connection, limit: int | None = None, offset: int = 0
) -> list[dict[str, Any]]:
    """Agencies in code order with their open requests; `limit` None: every one (the gauges)."""
    rows = await conn.fetch(
        "SELECT g.code, g.name, g.kind, g.supervisor, g.capacity, g.calendar, g.handles, g.on_call,"
        " count(a.request_id) FILTER (WHERE a.status = ANY($1::text[])) AS open_requests"
        " FROM agencies g LEFT JOIN assignments a ON a.agency_code = g.code GROUP BY g.code ORDER BY g.code"
        " LIMIT $2 OFFSET $3",
        list(OPEN),
        limit,
        offset,
    )
    return [dict(r) for r in rows]


async def agency_count(conn: Connection) -> int:
    found: int = await conn.fetchval("SELECT count(*) FROM agencies")
    return found


async def recent_requests(conn: Connection, limit: int) -> list[Request]:
    """The latest requests routing received, as a decision sees them (for a rules dry run)."""
    rows = await conn.fetch(
        "SELECT request_id::text, service_code, lat, long, priority, attributes, address, area_code"
        " FROM requests ORDER BY submitted_at DESC LIMIT $1",
        limit,
    )
    return [Request(**dict(r)) for r in rows]
