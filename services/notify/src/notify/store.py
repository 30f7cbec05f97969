"""notify's tables of contacts and changes. Every function takes the connection first; callers
own the transaction. (The notifications themselves: `deliveries`.)"""

from __future__ import annotations

from typing import Any

from dekat.db import Connection

from notify.changes import Change
from notify.contacts import Contact
from notify.planning import ReporterPlan
from notify.preferences import Preferences


async def lock_request(conn: Connection, request_id: str) -> None:
    """Serialise the consumers of one request until commit.

    The contact and the changes arrive on different topics, possibly at the same moment:
    without this, each transaction could miss the other's uncommitted row and nobody would plan.
    """
    await conn.execute("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", request_id)


async def save_contact(conn: Connection, c: Contact) -> None:
    """The first contact sets the preferences; a repeated one updates details, not choices made since."""
    await conn.execute(
        "INSERT INTO contacts (request_id, reporter, tracking_code, name, email, phone, language, channels,"
        " timezone, submitted_at, link_token) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
        " ON CONFLICT (request_id, reporter) DO UPDATE SET tracking_code = $3, name = $4, email = $5,"
        " phone = $6, link_token = coalesce($11, contacts.link_token)",
        c.request_id,
        c.reporter,
        c.tracking_code,
        c.name,
        c.email,
        c.phone,
        c.prefs.language,
        list(c.prefs.channels),
        c.prefs.timezone,
        c.submitted_at,
        c.link_token,
    )


CONTACT_COLUMNS = (
    "SELECT request_id::text, reporter, tracking_code, name, email, phone, language, channels, timezone,"
    " submitted_at, link_token, opted_out || coalesce((SELECT array_agg(o.channel) FROM opt_outs o"
    "   WHERE o.address = regexp_replace(c.phone, '\\D', '', 'g')), '{}') AS opted_out FROM contacts c"
)
"""A contact with its preferences; numbers that replied STOP count as opted out."""


async def contact(conn: Connection, request_id: str, reporter: str) -> Contact | None:
    row = await conn.fetchrow(
        f"{CONTACT_COLUMNS} WHERE request_id = $1 AND reporter = $2", request_id, reporter
    )
    return contact_of(dict(row)) if row else None


async def contacts(conn: Connection, request_id: str) -> list[Contact]:
    """Every reporter of the request, the submitter first."""
    rows = await conn.fetch(f"{CONTACT_COLUMNS} WHERE request_id = $1 ORDER BY reporter", request_id)
    return [contact_of(dict(r)) for r in rows]


def contact_of(row: dict[str, Any]) -> Contact:
    prefs = Preferences(
        channels=tuple(row.pop("channels")),
        language=row.pop("language"),
        opted_out=frozenset(row.pop("opted_out")),
        timezone=row.pop("timezone"),
    )
    return Contact(prefs=prefs, **row)


async def save_preferences(conn: Connection, request_id: str, reporter: str, p: Preferences) -> None:
    await conn.execute(
        "UPDATE contacts SET channels = $3, language = $4, opted_out = $5, timezone = $6"
        " WHERE request_id = $1 AND reporter = $2",
        request_id,
        reporter,
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


async def saw(conn: Connection, request_id: str, status_seq: int) -> None:
    """notify has seen this change of the request, whether or not the citizen is told of it."""
    await conn.execute(
        "INSERT INTO seen_changes (request_id, status_seq) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        request_id,
        status_seq,
    )


async def save_change(conn: Connection, c: Change) -> None:
    await conn.execute(
        "INSERT INTO changes (request_id, status_seq, kind, at, status, agency_name, deadline, note, urgent,"
        " reason, by_agency, supporting, explanation, escalation, escalated_to, missed)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)"
        " ON CONFLICT DO NOTHING",
        c.request_id,
        c.status_seq,
        c.kind,
        c.at,
        c.status,
        c.agency_name,
        c.deadline,
        c.note,
        c.urgent,
        c.reason,
        c.by_agency,
        list(c.supporting),
        c.explanation,
        c.escalation,
        c.escalated_to,
        c.missed,
    )


CHANGE_COLUMNS = (
    "c.request_id::text, c.status_seq, c.kind, c.at, coalesce(c.status, 'received') AS status,"
    " coalesce(c.agency_name, a.agency_name) AS agency_name, c.deadline, c.note, c.urgent, c.reason,"
    " c.by_agency, c.supporting, c.explanation, c.escalation, c.escalated_to, c.missed"
)
"""A change, with the request's newest agency when the change names none."""


def change_of(row: dict[str, Any]) -> Change:
    return Change(**{**row, "supporting": tuple(row["supporting"])})


async def changes_of(conn: Connection, request_id: str) -> list[Change]:
    """Every change of the request, oldest first."""
    rows = await conn.fetch(
        f"SELECT {CHANGE_COLUMNS} FROM changes c LEFT JOIN assignments a USING (request_id)"
        " WHERE c.request_id = $1 ORDER BY c.status_seq",
        request_id,
    )
    return [change_of(dict(r)) for r in rows]


async def planned_seqs(conn: Connection, request_id: str, reporter: str) -> set[int]:
    rows = await conn.fetch(
        "SELECT status_seq FROM planned WHERE request_id = $1 AND reporter = $2", request_id, reporter
    )
    return {r["status_seq"] for r in rows}


async def mark_planned(
    conn: Connection, request_id: str, reporter: str, status_seq: int, outcome: ReporterPlan
) -> None:
    await conn.execute(
        "INSERT INTO planned (request_id, reporter, status_seq, outcome) VALUES ($1, $2, $3, $4)"
        " ON CONFLICT DO NOTHING",
        request_id,
        reporter,
        status_seq,
        outcome,
    )
