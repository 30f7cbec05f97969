"""The notifications' SQL: planning them, superseding held ones, claiming, recording attempts."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from dekat.db import Connection

from notify.failures import Failure
from notify.notifications import AttemptResult, Draft, Notification, State
from notify.planning import Held
from notify.store import CHANGE_COLUMNS, change_of


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
    reporter: str = ""


PENDING_EARLIER = (
    "EXISTS (SELECT 1 FROM notifications e WHERE e.request_id = n.request_id AND e.reporter = n.reporter"
    " AND e.status_seq < n.status_seq AND e.state IN ('created', 'sending')"
    " AND coalesce(e.held_until, '-infinity') <= $1)"
)
"""An earlier change to the same reporter still on its way: a later one waits, so the citizen
reads them in order. An earlier one held for quiet hours does not hold back an urgent later one."""

GAP_WAIT_SECONDS = 30
EARLIER_UNSEEN = (
    "EXISTS (SELECT 1 FROM generate_series(1, n.status_seq - 1) AS s(seq)"
    " WHERE NOT EXISTS (SELECT 1 FROM seen_changes c WHERE c.request_id = n.request_id"
    " AND c.status_seq = s.seq))"
    f" AND n.created_at > $1 - interval '{GAP_WAIT_SECONDS} seconds'"
)
"""An earlier change notify has not seen yet: assignments and status changes come on two topics,
so an acknowledgement can arrive before the assignment it follows (after a restart, one consumer
catches up first; found by the fault suite). The later message waits for it, but not forever:
an event parked in a DLQ would otherwise silence the request."""


async def add_notification(conn: Connection, n: Notification) -> bool:
    """False when this change was already planned for this reporter on this channel."""
    status: str = await conn.execute(
        "INSERT INTO notifications (id, request_id, status_seq, channel, reporter, kind, template, recipient,"
        " subject, body, drafts, due_at, urgent, held_until, created_at, state, failure, failed_at)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, coalesce($15, now()),"
        " $16, $17, CASE WHEN $16 = 'failed' THEN coalesce($15, now()) END) ON CONFLICT DO NOTHING",
        n.id,
        n.request_id,
        n.status_seq,
        n.channel,
        n.reporter,
        n.kind,
        n.template,
        n.recipient,
        n.subject,
        n.body,
        {channel: asdict(d) for channel, d in n.drafts.items()},
        n.due_at,
        n.urgent,
        n.held_until,
        n.created_at,
        n.state,
        n.failure,
    )
    return status == "INSERT 0 1"


async def held(conn: Connection, request_id: str, reporter: str, *, now: datetime) -> list[Held]:
    """The reporter's messages still held for quiet hours (locked until commit, so the
    dispatcher cannot take them meanwhile), and those they already replaced."""
    waiting = await conn.fetch(
        "SELECT id FROM notifications WHERE request_id = $1 AND reporter = $2 AND state = 'created'"
        " AND attempts = 0 AND held_until > $3 FOR UPDATE",
        request_id,
        reporter,
        now,
    )
    ids = [r["id"] for r in waiting]
    if not ids:
        return []
    rows = await conn.fetch(
        f"SELECT n.id AS notification_id, n.channel, {CHANGE_COLUMNS} FROM notifications n"
        " JOIN changes c ON c.request_id = n.request_id AND c.status_seq = n.status_seq"
        " LEFT JOIN assignments a ON a.request_id = n.request_id"
        " WHERE n.id = ANY($1::uuid[]) OR n.superseded_by = ANY($1::uuid[])",
        ids,
    )
    return [
        Held(r["notification_id"], r["channel"], change_of(without(r, "notification_id", "channel")))
        for r in rows
    ]


def without(row: Any, *keys: str) -> dict[str, Any]:
    return {k: v for k, v in dict(row).items() if k not in keys}


async def supersede(conn: Connection, ids: tuple[UUID, ...], *, by: UUID) -> None:
    """Recorded, not deleted: each replaced message names the one that tells it instead."""
    await conn.execute(
        "UPDATE notifications SET state = 'superseded', superseded_by = $2, lease_until = NULL"
        " WHERE id = ANY($1::uuid[]) OR superseded_by = ANY($1::uuid[])",
        list(ids),
        by,
    )


async def notification(conn: Connection, notification_id: UUID) -> tuple[Notification, State] | None:
    """The notification and its state, locked until commit."""
    row = await conn.fetchrow(
        "SELECT id, request_id::text, status_seq, channel, reporter, kind, template, recipient, subject,"
        " body, drafts, due_at, urgent, held_until, created_at, state FROM notifications"
        " WHERE id = $1 FOR UPDATE",
        notification_id,
    )
    if row is None:
        return None
    fields = dict(row)
    drafts = {channel: Draft(**d) for channel, d in fields.pop("drafts").items()}
    state: State = fields.pop("state")
    return Notification(**fields, drafts=drafts), state


async def tried_channels(conn: Connection, request_id: str, status_seq: int, reporter: str) -> set[str]:
    rows = await conn.fetch(
        "SELECT channel FROM notifications WHERE request_id = $1 AND status_seq = $2 AND reporter = $3",
        request_id,
        status_seq,
        reporter,
    )
    return {r["channel"] for r in rows}


async def claim_due(conn: Connection, *, now: datetime, lease_until: datetime) -> Claimed | None:
    """Take one due notification (or one whose sender vanished mid-send) and mark it `sending`."""
    row = await conn.fetchrow(
        "UPDATE notifications SET state = 'sending', attempts = attempts + 1, lease_until = $2"
        " WHERE id = (SELECT n.id FROM notifications n"
        "   WHERE ((n.state = 'created' AND n.due_at <= $1) OR (n.state = 'sending' AND n.lease_until <= $1))"
        f"   AND NOT {PENDING_EARLIER} AND NOT ({EARLIER_UNSEEN})"
        "   ORDER BY n.due_at LIMIT 1 FOR UPDATE SKIP LOCKED)"
        " RETURNING id, request_id, status_seq, channel, recipient, subject, body, attempts, created_at,"
        " reporter",
        now,
        lease_until,
    )
    return Claimed(**dict(row)) if row else None


async def opted_out(conn: Connection, c: Claimed) -> bool:
    """The reporter opted out of this channel since the message was planned (a STOP, the page)."""
    found: bool = await conn.fetchval(
        "SELECT EXISTS (SELECT 1 FROM opt_outs o WHERE o.channel = $1 AND $1 <> 'email'"
        "   AND o.address = regexp_replace($2, '\\D', '', 'g'))"
        " OR EXISTS (SELECT 1 FROM contacts k WHERE k.request_id = $3 AND k.reporter = $4"
        "   AND $1 = ANY(k.opted_out))",
        c.channel,
        c.recipient,
        c.request_id,
        c.reporter,
    )
    return found


async def record_attempt(conn: Connection, notification_id: UUID, o: AttemptResult) -> bool:
    """False when the notification moved on meanwhile (a receipt already said delivered)."""
    status: str = await conn.execute(
        "UPDATE notifications SET state = $2::text, last_error = $3, due_at = $4::timestamptz,"
        " sent_at = $5, provider_id = coalesce($6, provider_id), lease_until = NULL, failure = $7,"
        " failed_at = CASE WHEN $2::text = 'failed' THEN $4::timestamptz END"
        " WHERE id = $1 AND state = 'sending'",
        notification_id,
        o.state,
        o.last_error,
        o.due_at,
        o.sent_at,
        o.provider_id,
        o.failure,
    )
    return status == "UPDATE 1"


async def set_state(
    conn: Connection,
    notification_id: UUID,
    state: str,
    *,
    now: datetime,
    error: str | None = None,
    failure: Failure | None = None,
) -> None:
    """A receipt's verdict: delivered, or failed at the provider after all."""
    await conn.execute(
        "UPDATE notifications SET state = $2::text, lease_until = NULL,"
        " last_error = coalesce($4, last_error), failure = $5,"
        " delivered_at = CASE WHEN $2::text = 'delivered' THEN $3::timestamptz END,"
        " failed_at = CASE WHEN $2::text = 'failed' THEN $3::timestamptz END WHERE id = $1",
        notification_id,
        state,
        now,
        error,
        failure,
    )


async def first_sent_of(conn: Connection, request_id: UUID) -> datetime | None:
    """The submission time, if exactly one message of this request has gone out (this one)."""
    value: datetime | None = await conn.fetchval(
        "SELECT min(c.submitted_at) FROM contacts c WHERE c.request_id = $1 AND c.reporter = '' AND"
        " (SELECT count(*) FROM notifications n WHERE n.request_id = $1 AND n.reporter = ''"
        "   AND n.state IN ('sent', 'delivered')) = 1",
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
        "SELECT id, request_id, reporter, channel, kind, template, status_seq, state, attempts,"
        " last_error, failure, superseded_by, created_at, due_at, held_until, sent_at, delivered_at,"
        " failed_at"
        " FROM notifications WHERE ($1::uuid IS NULL OR request_id = $1)"
        " AND ($2::text IS NULL OR state = $2) AND ($3::text IS NULL OR channel = $3)"
        " ORDER BY request_id, status_seq, reporter, created_at, state = 'failed' DESC LIMIT $4",
        request_id,
        state,
        channel,
        limit,
    )
    return [dict(r) for r in rows]
