"""intake's tables. Every function takes the connection first; callers own the transaction."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from dekat.db import Connection

from intake.requests import Contact, Request
from intake.statuses import CLOSED

REQUEST_COLUMNS = (
    "id::text AS id, tracking_code, service_code, description, lat, long, address, address_id,"
    " zipcode, media_url, attributes, channel, source, privacy, status, status_seq, status_notes,"
    " agency_code, agency_name, expected_at, submitted_at, received_at, updated_at"
)
"""Everything about a request that is not the citizen (contacts are another table)."""


async def insert_request(conn: Connection, r: Request) -> None:
    await conn.execute(
        "INSERT INTO requests (id, tracking_code, service_code, description, lat, long, address,"
        " channel, privacy, submitted_at, status, status_seq, updated_at, source, client_id,"
        " received_at, token, attributes, address_id, zipcode, media_url, taken_by)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $10, $13, $14, $15, $16, $17,"
        " $18, $19, $20, $21)",
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
        r.source,
        r.client_id,
        r.received_at,
        r.token,
        r.attributes,
        r.address_id,
        r.zipcode,
        r.media_url,
        r.taken_by,
    )
    await add_to_timeline(conn, r.id, r.status_seq, r.status, None, r.submitted_at)


async def insert_contact(conn: Connection, request_id: str, c: Contact) -> None:
    await conn.execute(
        "INSERT INTO contacts (request_id, name, email, phone, language, channels, timezone,"
        " consent_share, account_id, device_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        request_id,
        c.name,
        c.email,
        c.phone,
        c.language,
        c.preferred_channels(),
        c.timezone,
        c.consent_share,
        c.account_id,
        c.device_id,
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
    agency: tuple[str, str | None] | None = None,
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


async def fill_agency(
    conn: Connection, request_id: str, agency: tuple[str, str], expected_at: datetime | None
) -> None:
    """Set the agency from a late assignment, unless a newer one already did."""
    await conn.execute(
        "UPDATE requests SET agency_code = $2, agency_name = $3, expected_at = coalesce(expected_at, $4)"
        " WHERE id = $1 AND agency_code IS NULL",
        request_id,
        agency[0],
        agency[1],
        expected_at,
    )


async def request_by(conn: Connection, column: str, value: str) -> dict[str, Any] | None:
    """One request by `id`, `tracking_code` or `token`; never contact details."""
    assert column in {"id", "tracking_code", "token"}
    row = await conn.fetchrow(f"SELECT {REQUEST_COLUMNS} FROM requests WHERE {column} = $1", value)
    return dict(row) if row else None


async def client_item(conn: Connection, channel: str, source: str, client_id: str) -> dict[str, Any] | None:
    """The request a device already made for its item `client_id`, if any."""
    row = await conn.fetchrow(
        f"SELECT {REQUEST_COLUMNS} FROM requests WHERE channel = $1 AND source = $2 AND client_id = $3",
        channel,
        source,
        client_id,
    )
    return dict(row) if row else None


async def timeline(conn: Connection, request_id: str) -> list[dict[str, Any]]:
    rows = await conn.fetch(
        "SELECT seq, status, note, at FROM timeline WHERE request_id = $1 ORDER BY seq", request_id
    )
    return [dict(r) for r in rows]


async def listing(
    conn: Connection,
    *,
    ids: list[str] | None,
    service_codes: list[str] | None,
    closed: bool | None,
    start: datetime | None,
    end: datetime | None,
    limit: int,
) -> list[dict[str, Any]]:
    """Requests matching every given filter, newest first (Open311 `GET requests`)."""
    rows = await conn.fetch(
        f"SELECT {REQUEST_COLUMNS} FROM requests"
        " WHERE ($1::uuid[] IS NULL OR id = ANY($1))"
        " AND ($2::text[] IS NULL OR service_code = ANY($2))"
        " AND ($3::boolean IS NULL OR (status = ANY($7::text[])) = $3)"
        " AND ($4::timestamptz IS NULL OR submitted_at >= $4)"
        " AND ($5::timestamptz IS NULL OR submitted_at <= $5)"
        " ORDER BY submitted_at DESC LIMIT $6",
        ids,
        service_codes,
        closed,
        start,
        end,
        limit,
        sorted(CLOSED),
    )
    return [dict(r) for r in rows]


async def remembered(conn: Connection, scope: str, key: str) -> dict[str, Any] | None:
    """The answer given for an Idempotency-Key, holding the key's lock until the transaction ends."""
    await conn.execute("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", f"{scope}\n{key}")
    row = await conn.fetchrow(
        "SELECT fingerprint, status, body FROM idempotency_keys WHERE scope = $1 AND key = $2",
        scope,
        key,
    )
    return dict(row) if row else None


async def remember(conn: Connection, scope: str, key: str, fingerprint: str, status: int, body: Any) -> None:
    await conn.execute(
        "INSERT INTO idempotency_keys (scope, key, fingerprint, status, body) VALUES ($1, $2, $3, $4, $5)",
        scope,
        key,
        fingerprint,
        status,
        body,
    )
