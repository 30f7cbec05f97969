"""notify's tables. Every function takes the connection first; callers own the transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from dekat.db import Connection

from notify.changes import Change
from notify.notifications import Contact, Notification
from notify.preferences import Preferences


@dataclass(frozen=True)
class Claimed:
    """A notification the dispatcher holds (state `sending`) until it records the outcome."""

    id: UUID
    request_id: UUID
    status_seq: int
    channel: str
    recipient: str
    subject: str
    body: str
    attempts: int
    created_at: datetime


async def lock_request(conn: Connection, request_id: str) -> None:
    """Serialise the consumers of one request until commit.

    The contact and the changes arrive on different topics, possibly at the same moment:
    without this, each transaction could miss the other's uncommitted row and nobody would plan.
    """
    await conn.execute("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", request_id)


async def save_contact(conn: Connection, c: Contact) -> None:
    """The first contact sets the preferences; a repeated one updates details, not choices made since."""
    await conn.execute(
        "INSERT INTO contacts (request_id, tracking_code, name, email, phone, language, channels,"
        " timezone, submitted_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
        " ON CONFLICT (request_id) DO UPDATE SET tracking_code = $2, name = $3, email = $4, phone = $5",
        c.request_id,
        c.tracking_code,
        c.name,
        c.email,
        c.phone,
        c.prefs.language,
        list(c.prefs.channels),
        c.prefs.timezone,
        c.submitted_at,
    )


async def contact(conn: Connection, request_id: str) -> Contact | None:
    """The contact with its preferences; numbers that replied STOP count as opted out."""
    row = await conn.fetchrow(
        "SELECT tracking_code, name, email, phone, language, channels, timezone, submitted_at,"
        " opted_out || coalesce((SELECT array_agg(o.channel) FROM opt_outs o"
        "   WHERE o.address = regexp_replace(c.phone, '\\D', '', 'g')), '{}') AS opted_out"
        " FROM contacts c WHERE request_id = $1",
        request_id,
    )
    if row is None:
        return None
    prefs = Preferences(
        channels=tuple(row["channels"]),
        language=row["language"],
        opted_out=frozenset(row["opted_out"]),
        timezone=row["timezone"],
    )
    return Contact(
        request_id=request_id,
        tracking_code=row["tracking_code"],
        name=row["name"],
        email=row["email"],
        phone=row["phone"],
        prefs=prefs,
        submitted_at=row["submitted_at"],
    )


async def save_preferences(conn: Connection, request_id: str, p: Preferences) -> None:
    await conn.execute(
        "UPDATE contacts SET channels = $2, language = $3, opted_out = $4, timezone = $5"
        " WHERE request_id = $1",
        request_id,
        list(p.channels),
        p.language,
        sorted(p.opted_out),
        p.timezone,
    )


async def opt_out(conn: Connection, channel: str, phone: str) -> None:
    digits = "".join(ch for ch in phone if ch.isdigit())
    await conn.execute(
        "INSERT INTO opt_outs (channel, address) VALUES ($1, $2) ON CONFLICT DO NOTHING", channel, digits
    )


async def save_assignment(conn: Connection, request_id: str, agency_name: str, status_seq: int) -> None:
    """Keep the newest agency: an older assignment arriving late changes nothing."""
    await conn.execute(
        "INSERT INTO assignments (request_id, agency_code, agency_name, status_seq)"
        " VALUES ($1, '', $2, $3) ON CONFLICT (request_id) DO UPDATE SET agency_name = $2, status_seq = $3"
        " WHERE assignments.status_seq < $3",
        request_id,
        agency_name,
        status_seq,
    )


async def save_change(conn: Connection, c: Change) -> None:
    await conn.execute(
        "INSERT INTO changes (request_id, status_seq, kind, at, agency_name, deadline, note, urgent,"
        " escalation, escalated_to, missed) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
        " ON CONFLICT DO NOTHING",
        c.request_id,
        c.status_seq,
        c.kind,
        c.at,
        c.agency_name,
        c.deadline,
        c.note,
        c.urgent,
        c.escalation,
        c.escalated_to,
        c.missed,
    )


async def unplanned_changes(conn: Connection, request_id: str) -> list[Change]:
    """Changes not yet turned into messages, oldest first; the agency filled in when unnamed."""
    rows = await conn.fetch(
        "SELECT c.status_seq, c.kind, c.at, coalesce(c.agency_name, a.agency_name) AS agency_name,"
        " c.deadline, c.note, c.urgent, c.escalation, c.escalated_to, c.missed"
        " FROM changes c LEFT JOIN assignments a USING (request_id)"
        " WHERE c.request_id = $1 AND NOT c.planned ORDER BY c.status_seq",
        request_id,
    )
    return [Change(request_id=request_id, **dict(r)) for r in rows]


async def mark_planned(conn: Connection, request_id: str, status_seq: int) -> None:
    await conn.execute(
        "UPDATE changes SET planned = true WHERE request_id = $1 AND status_seq = $2", request_id, status_seq
    )


async def add_notification(conn: Connection, n: Notification) -> bool:
    """False when this change was already planned on this channel."""
    status: str = await conn.execute(
        "INSERT INTO notifications (id, request_id, status_seq, channel, kind, template, recipient,"
        " subject, body, due_at, urgent, held_until, created_at)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, coalesce($13, now()))"
        " ON CONFLICT DO NOTHING",
        n.id,
        n.request_id,
        n.status_seq,
        n.channel,
        n.kind,
        n.template,
        n.recipient,
        n.subject,
        n.body,
        n.due_at,
        n.urgent,
        n.held_until,
        n.created_at,
    )
    return status == "INSERT 0 1"


async def notification(conn: Connection, notification_id: UUID) -> tuple[Notification, str] | None:
    """The notification and its state, locked until commit."""
    row = await conn.fetchrow(
        "SELECT id, request_id::text, status_seq, channel, kind, template, recipient, subject, body,"
        " due_at, urgent, held_until, created_at, state FROM notifications WHERE id = $1 FOR UPDATE",
        notification_id,
    )
    if row is None:
        return None
    fields = dict(row)
    state = fields.pop("state")
    return Notification(**fields), state


async def tried_channels(conn: Connection, request_id: str, status_seq: int) -> set[str]:
    rows = await conn.fetch(
        "SELECT channel FROM notifications WHERE request_id = $1 AND status_seq = $2", request_id, status_seq
    )
    return {r["channel"] for r in rows}
