"""The dispatcher's and the receipts' SQL: claiming, recording attempts, moving states."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from dekat.db import Connection

from notify.notifications import Outcome
from notify.store import Claimed

PENDING_EARLIER = (
    "EXISTS (SELECT 1 FROM notifications e WHERE e.request_id = n.request_id"
    " AND e.status_seq < n.status_seq AND e.state IN ('created', 'sending')"
    " AND coalesce(e.held_until, '-infinity') <= $1)"
)
"""An earlier change of the same request still on its way: a later one waits, so the citizen reads
them in order. An earlier one held for quiet hours does not hold back an urgent later one."""


async def claim_due(conn: Connection, *, now: datetime, lease_until: datetime) -> Claimed | None:
    """Take one due notification (or one whose sender vanished mid-send) and mark it `sending`."""
    row = await conn.fetchrow(
        "UPDATE notifications SET state = 'sending', attempts = attempts + 1, lease_until = $2"
        " WHERE id = (SELECT n.id FROM notifications n"
        "   WHERE ((n.state = 'created' AND n.due_at <= $1) OR (n.state = 'sending' AND n.lease_until <= $1))"
        f"   AND NOT {PENDING_EARLIER}"
        "   ORDER BY n.due_at LIMIT 1 FOR UPDATE SKIP LOCKED)"
        " RETURNING id, request_id, status_seq, channel, recipient, subject, body, attempts, created_at",
        now,
        lease_until,
    )
    return Claimed(**dict(row)) if row else None


async def record_attempt(conn: Connection, notification_id: UUID, o: Outcome) -> bool:
    """False when the notification moved on meanwhile (a receipt already said delivered)."""
    status: str = await conn.execute(
        "UPDATE notifications SET state = $2::text, last_error = $3, due_at = $4::timestamptz,"
        " sent_at = $5, provider_id = coalesce($6, provider_id), lease_until = NULL,"
        " failed_at = CASE WHEN $2::text = 'failed' THEN $4::timestamptz END"
        " WHERE id = $1 AND state = 'sending'",
        notification_id,
        o.state,
        o.last_error,
        o.due_at,
        o.sent_at,
        o.provider_id,
    )
    return status == "UPDATE 1"


async def set_state(
    conn: Connection, notification_id: UUID, state: str, *, now: datetime, error: str | None = None
) -> None:
    """A receipt's verdict: delivered, or failed at the provider after all."""
    await conn.execute(
        "UPDATE notifications SET state = $2::text, lease_until = NULL,"
        " last_error = coalesce($4, last_error),"
        " delivered_at = CASE WHEN $2::text = 'delivered' THEN $3::timestamptz END,"
        " failed_at = CASE WHEN $2::text = 'failed' THEN $3::timestamptz END WHERE id = $1",
        notification_id,
        state,
        now,
        error,
    )


async def first_sent_of(conn: Connection, request_id: UUID) -> datetime | None:
    """The submission time, if exactly one message of this request has gone out (this one)."""
    value: datetime | None = await conn.fetchval(
        "SELECT c.submitted_at FROM contacts c WHERE c.request_id = $1 AND (SELECT count(*)"
        " FROM notifications n WHERE n.request_id = $1 AND n.state IN ('sent', 'delivered')) = 1",
        request_id,
    )
    return value


async def listing(
    conn: Connection,
    *,
    request_id: UUID | None,
    state: str | None = None,
    channel: str | None = None,
    limit: int = 100,
) -> list[dict[str, Any]]:
    """Notifications without recipients or bodies: contact details stay out."""
    rows = await conn.fetch(
        "SELECT id, request_id, channel, kind, template, status_seq, state, attempts, last_error AS error,"
        " created_at, due_at, held_until, sent_at, delivered_at, failed_at FROM notifications"
        " WHERE ($1::uuid IS NULL OR request_id = $1)"
        " AND ($2::text IS NULL OR state = $2) AND ($3::text IS NULL OR channel = $3)"
        " ORDER BY request_id, status_seq, created_at LIMIT $4",
        request_id,
        state,
        channel,
        limit,
    )
    return [dict(r) for r in rows]
