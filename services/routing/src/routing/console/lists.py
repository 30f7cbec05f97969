"""What the console reads beyond the agency API's views: queues with what a person needs to choose
the next request, and the requests held below a supervisor. `conn` first."""

from __future__ import annotations

from typing import Any

from dekat.db import Connection
from dekat.vocabulary import OPEN

from routing import views

RUNNING_DEADLINE = (
    "CASE WHEN a.status IN ('assigned', 'reopened') THEN a.acknowledge_by"
    " WHEN a.status IN ('acknowledged', 'in_progress') THEN a.resolve_by"
    " WHEN a.status = 'info_requested' THEN a.answer_by END"
)
REPORTERS = "a.reporters"
"""How many citizens reported the case (its own, merged requests', followers)."""
COLUMNS = (
    "a.request_id::text, a.agency_code, g.name AS agency_name, a.status, a.acknowledge_by, a.resolve_by,"
    " a.answer_by, a.assigned_at, a.escalation_step, a.deadline_kind, r.tracking_code, r.service_code,"
    " r.description, r.lat, r.long, r.address, r.area_code, r.priority = 'urgent' AS urgent, " + REPORTERS
)
ORDER = f" ORDER BY (r.priority = 'urgent') DESC, {RUNNING_DEADLINE} NULLS LAST, a.assigned_at LIMIT $4"
LIMIT = 500


async def queue(
    conn: Connection, agency_code: str, *, statuses: list[str], service: str | None
) -> list[dict[str, Any]]:
    """The requests the agency takes part in with one of `statuses`: urgent first, then by deadline."""
    rows = await conn.fetch(
        f"SELECT {COLUMNS}, {views.ROLE}{views.FROM} WHERE {views.TAKING_PART}"
        " AND a.status = ANY($2::text[]) AND ($3::text IS NULL OR r.service_code = $3)" + ORDER,
        agency_code,
        statuses,
        service,
        LIMIT,
    )
    return [dict(r) for r in rows]


async def held_by(conn: Connection, holders: list[str], *, service: str | None) -> list[dict[str, Any]]:
    """The open requests these agencies hold (a supervisor's view): urgent first, then by deadline."""
    rows = await conn.fetch(
        f"SELECT {COLUMNS}, 'watching' AS role{views.FROM} WHERE a.agency_code = ANY($1::text[])"
        " AND a.status = ANY($2::text[]) AND ($3::text IS NULL OR r.service_code = $3)" + ORDER,
        holders,
        list(OPEN),
        service,
        LIMIT,
    )
    return [dict(r) for r in rows]


async def holder_of(conn: Connection, request_id: str) -> str | None:
    found: str | None = await conn.fetchval(
        "SELECT agency_code FROM assignments WHERE request_id = $1", request_id
    )
    return found
