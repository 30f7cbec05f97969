"""intake's tables. Every function takes the connection first; callers own the transaction."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from dekat.db import Connection

from intake.requests import Contact, Request


async def insert_request(conn: Connection, r: Request) -> None:
    await conn.execute(
        "INSERT INTO requests (id, tracking_code, service_code, description, lat, long, address,"
        " channel, privacy, submitted_at, status, status_seq, updated_at)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $10)",
        r.id,
        r.tracking_code,
        r.service_code,
        r.description,
        r.lat,
        r.long,
        r.address,
        r.channel,
        r.privacy,
        r.submitted_at,
        r.status,
        r.status_seq,
    )
    await add_to_timeline(conn, r.id, r.status_seq, r.status, None, r.submitted_at)


async def insert_contact(conn: Connection, request_id: str, c: Contact) -> None:
    await conn.execute(
        "INSERT INTO contacts (request_id, name, email, phone, language) VALUES ($1, $2, $3, $4, $5)",
        request_id,
        c.name,
        c.email,
        c.phone,
        c.language,
    )


async def add_to_timeline(
    conn: Connection, request_id: str, seq: int, status: str, note: str | None, at: datetime
) -> None:
    await conn.execute(
        "INSERT INTO timeline (request_id, seq, status, note, at) VALUES ($1, $2, $3, $4, $5)"
        " ON CONFLICT DO NOTHING",
        request_id,
        seq,
        status,
        note,
        at,
    )


async def status_seq(conn: Connection, request_id: str) -> int | None:
    """The request's current status sequence, locking its row; None if unknown here."""
    seq: int | None = await conn.fetchval(
        "SELECT status_seq FROM requests WHERE id = $1 FOR UPDATE", request_id
    )
    return seq


async def set_status(
    conn: Connection,
    request_id: str,
    *,
    status: str,
    seq: int,
    at: datetime,
    note: str | None = None,
    agency: tuple[str, str] | None = None,
    expected_at: datetime | None = None,
) -> None:
    await conn.execute(
        "UPDATE requests SET status = $2, status_seq = $3, updated_at = $4,"
        " status_notes = coalesce($5, status_notes),"
        " agency_code = coalesce($6, agency_code), agency_name = coalesce($7, agency_name),"
        " expected_at = coalesce($8, expected_at) WHERE id = $1",
        request_id,
        status,
        seq,
        at,
        note,
        agency[0] if agency else None,
        agency[1] if agency else None,
        expected_at,
    )
    await add_to_timeline(conn, request_id, seq, status, note, at)


async def public_view(conn: Connection, request_id: str) -> dict[str, Any] | None:
    """What anyone holding the id may see: never contact details."""
    row = await conn.fetchrow(
        "SELECT id, tracking_code, service_code, description, lat, long, address, channel,"
        " privacy, status, status_seq, status_notes, agency_code, agency_name, expected_at,"
        " submitted_at, updated_at FROM requests WHERE id = $1",
        request_id,
    )
    if row is None:
        return None
    timeline = await conn.fetch(
        "SELECT seq, status, note, at FROM timeline WHERE request_id = $1 ORDER BY seq", request_id
    )
    return {**dict(row), "timeline": [dict(t) for t in timeline]}
