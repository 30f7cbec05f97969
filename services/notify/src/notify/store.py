"""notify's tables. Every function takes the connection first; callers own the transaction."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from dekat.db import Connection

from notify.notifications import Assignment, Contact, Notification, Outcome


@dataclass(frozen=True)
class Due:
    """A notification ready to be sent, as the dispatcher needs it."""

    id: UUID
    recipient: str
    subject: str
    body: str
    attempts: int


async def save_contact(conn: Connection, c: Contact) -> None:
    await conn.execute(
        "INSERT INTO contacts (request_id, tracking_code, name, email, phone, language)"
        " VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (request_id) DO UPDATE SET"
        " tracking_code = $2, name = $3, email = $4, phone = $5, language = $6",
        c.request_id,
        c.tracking_code,
        c.name,
        c.email,
        c.phone,
        c.language,
    )


async def save_assignment(conn: Connection, a: Assignment) -> None:
    """Keep the newest assignment: an older one arriving late changes nothing."""
    await conn.execute(
        "INSERT INTO assignments (request_id, agency_code, agency_name, status_seq, resolve_by)"
        " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (request_id) DO UPDATE SET"
        " agency_code = $2, agency_name = $3, status_seq = $4, resolve_by = $5"
        " WHERE assignments.status_seq < $4",
        a.request_id,
        a.agency_code,
        a.agency_name,
        a.status_seq,
        a.resolve_by,
    )


async def lock_request(conn: Connection, request_id: str) -> None:
    """Serialise the consumers of one request until commit.

    The contact and the assignment arrive on different topics, possibly at the same moment:
    without this, each transaction could miss the other's uncommitted row and nobody would plan.
    """
    await conn.execute("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", request_id)


async def contact(conn: Connection, request_id: str) -> Contact | None:
    row = await conn.fetchrow(
        "SELECT tracking_code, name, email, phone, language FROM contacts WHERE request_id = $1",
        request_id,
    )
    return Contact(request_id=request_id, **dict(row)) if row else None


async def assignment(conn: Connection, request_id: str) -> Assignment | None:
    row = await conn.fetchrow(
        "SELECT agency_code, agency_name, status_seq, resolve_by FROM assignments WHERE request_id = $1",
        request_id,
    )
    return Assignment(request_id=request_id, **dict(row)) if row else None


async def add_notification(conn: Connection, n: Notification) -> bool:
    """False when this change was already planned on this channel."""
    status: str = await conn.execute(
        "INSERT INTO notifications (id, request_id, status_seq, channel, kind, recipient, subject, body)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING",
        n.id,
        n.request_id,
        n.status_seq,
        n.channel,
        n.kind,
        n.recipient,
        n.subject,
        n.body,
    )
    return status == "INSERT 0 1"


async def claim_due(conn: Connection) -> Due | None:
    """Lock one due notification until commit; others' claims are skipped, not waited for."""
    row = await conn.fetchrow(
        "SELECT id, recipient, subject, body, attempts FROM notifications"
        " WHERE state = 'created' AND due_at <= now()"
        " ORDER BY due_at LIMIT 1 FOR UPDATE SKIP LOCKED"
    )
    return Due(**dict(row)) if row else None


async def record_attempt(conn: Connection, notification_id: UUID, o: Outcome) -> None:
    await conn.execute(
        "UPDATE notifications SET state = $2, attempts = $3, last_error = $4, due_at = $5,"
        " sent_at = $6 WHERE id = $1",
        notification_id,
        o.state,
        o.attempts,
        o.last_error,
        o.due_at,
        o.sent_at,
    )


async def listing(
    conn: Connection, request_id: UUID, *, state: str | None = None, channel: str | None = None
) -> list[dict[str, Any]]:
    """A request's notifications, without recipients or bodies: contact details stay out."""
    rows = await conn.fetch(
        "SELECT id, request_id, channel, kind, status_seq, state, attempts, created_at, sent_at"
        " FROM notifications WHERE request_id = $1"
        " AND ($2::text IS NULL OR state = $2) AND ($3::text IS NULL OR channel = $3)"
        " ORDER BY created_at, channel",
        request_id,
        state,
        channel,
    )
    return [dict(r) for r in rows]
