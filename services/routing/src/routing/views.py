"""What the HTTP API shows: decisions with their reasons, and an agency's own requests."""

from __future__ import annotations

from typing import Any

from dekat.db import Connection
from dekat.vocabulary import OPEN

from routing.decisions import Request

VIEW = (
    "SELECT a.request_id::text, a.agency_code, g.name AS agency_name, a.status, a.status_seq, a.reasons,"
    " a.rule_id, a.rule_version, a.supporting, a.assigned_at, a.acknowledge_by, a.resolve_by,"
    " a.deadline_kind, a.due_at, a.escalation_step, r.tracking_code, r.service_code, r.description,"
    " r.lat, r.long, r.address, r.attributes, r.priority"
    " FROM assignments a JOIN agencies g ON g.code = a.agency_code JOIN requests r USING (request_id)"
)


async def explanation(conn: Connection, request_id: str) -> dict[str, Any] | None:
    """Who holds the request, why, by when, and every decision before this one."""
    row = await conn.fetchrow(VIEW + " WHERE a.request_id = $1", request_id)
    if row is None:
        return None
    history = [
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
    latest = history[-1]["explanation"] if history else {}
    return {**{k: row[k] for k in keep}, "explanation": latest, "decisions": history}


async def agency_request(conn: Connection, agency_code: str, request_id: str) -> dict[str, Any] | None:
    row = await conn.fetchrow(
        VIEW + " WHERE a.request_id = $1 AND a.agency_code = $2", request_id, agency_code
    )
    return None if row is None else dict(row)


async def agency_requests(
    conn: Connection, agency_code: str, status: str | None, limit: int
) -> list[dict[str, Any]]:
    rows = await conn.fetch(
        VIEW + " WHERE a.agency_code = $1 AND ($2::text IS NULL OR a.status = $2)"
        " ORDER BY a.assigned_at DESC LIMIT $3",
        agency_code,
        status,
        limit,
    )
    return [dict(r) for r in rows]


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
