"""intake's tables. Every function takes the connection first; callers own the transaction."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from dekat.db import Connection

from intake import timeline
from intake.reporters import CitizenMessage, Reporter
from intake.requests import Contact, Request
from intake.statuses import CLOSED

REQUEST_COLUMNS = (
    "id::text AS id, tracking_code, service_code, description, lat, long, address, address_id,"
    " zipcode, media_url, attributes, channel, source, privacy, status, status_seq, status_notes,"
    " agency_code, agency_name, expected_at, submitted_at, received_at, updated_at, supporting,"
    " (SELECT to_jsonb(t) FROM timeline t WHERE t.request_id = requests.id ORDER BY t.seq DESC LIMIT 1)"
    " AS last_change, merged_into::text"
)
"""Everything about a request that is not the citizen (contacts are another table)."""


async def insert_request(conn: Connection, r: Request) -> None:
    await conn.execute(
        "INSERT INTO requests (id, tracking_code, service_code, description, lat, long, address,"
        " channel, privacy, submitted_at, status, status_seq, updated_at, source, client_id,"
        " received_at, token, attributes, address_id, zipcode, media_url, taken_by, area_code,"
        " client_fingerprint)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $10, $13, $14, $15, $16, $17,"
        " $18, $19, $20, $21, $22, $23)",
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
        r.area_code,
        r.client_fingerprint,
    )
    await add_to_timeline(conn, timeline.received(r.id, r.submitted_at))


async def insert_reporter(conn: Connection, r: Reporter) -> None:
    await conn.execute(
        "INSERT INTO reporters (reporter_id, request_id, link_token, role, joined_at)"
        " VALUES ($1, $2, $3, $4, $5)",
        r.reporter_id,
        r.request_id,
        r.link_token,
        r.role,
        r.joined_at,
    )


async def reporter_by_token(conn: Connection, request_id: str, link_token: str) -> Reporter | None:
    """The reporter of this request whose secret `link_token` is; None for anyone else."""
    row = await conn.fetchrow(
        "SELECT reporter_id::text, request_id::text, link_token, role, joined_at FROM reporters"
        " WHERE request_id = $1 AND link_token = $2",
        request_id,
        link_token,
    )
    return Reporter(**dict(row)) if row else None


async def submitter(conn: Connection, request_id: str) -> Reporter | None:
    row = await conn.fetchrow(
        "SELECT reporter_id::text, request_id::text, link_token, role, joined_at FROM reporters"
        " WHERE request_id = $1 AND role = 'submitter'",
        request_id,
    )
    return Reporter(**dict(row)) if row else None


async def add_citizen_message(conn: Connection, m: CitizenMessage) -> None:
    await conn.execute(
        "INSERT INTO citizen_messages (request_id, reporter_id, kind, text, rating, at)"
        " VALUES ($1, $2, $3, $4, $5, $6)",
        m.request_id,
        m.reporter_id,
        m.kind,
        m.text,
        m.rating,
        m.at,
    )


async def citizen_messages(
    conn: Connection, request_id: str, reporter_id: str | None
) -> list[dict[str, Any]]:
    """What the citizen said: one reporter's own words (also about the case they follow since a
    merge), or (None) every reporter's words about this request."""
    rows = await conn.fetch(
        "SELECT kind, text, rating, at FROM citizen_messages"
        " WHERE CASE WHEN $2::uuid IS NULL THEN request_id = $1 ELSE reporter_id = $2 END ORDER BY id",
        request_id,
        reporter_id,
    )
    return [dict(r) for r in rows]


async def insert_contact(conn: Connection, request_id: str, reporter_id: str, c: Contact) -> None:
    await conn.execute(
        "INSERT INTO contacts (request_id, name, email, phone, language, channels, timezone,"
        " consent_share, account_id, device_id, reporter_id)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
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
        reporter_id,
    )


async def contacts_of(conn: Connection, request_id: str) -> list[tuple[Reporter, Contact]]:
    """Every reporter of the request whom notify can reach, with how."""
    rows = await conn.fetch(
        "SELECT r.reporter_id::text, r.request_id::text, r.link_token, r.role, r.joined_at, c.name, c.email,"
        " c.phone, c.language, c.channels, c.timezone, c.consent_share, c.account_id, c.device_id"
        " FROM reporters r JOIN contacts c USING (reporter_id) WHERE r.request_id = $1 ORDER BY r.joined_at",
        request_id,
    )
    found = []
    for row in rows:
        f = dict(row)
        reporter = Reporter(
            *(f.pop(k) for k in ("reporter_id", "request_id", "link_token", "role", "joined_at"))
        )
        found.append((reporter, Contact(**{**f, "channels": tuple(f["channels"])})))
    return found


async def set_merged(conn: Connection, request_id: str, case_id: str) -> None:
    await conn.execute("UPDATE requests SET merged_into = $2 WHERE id = $1", request_id, case_id)


async def add_to_timeline(conn: Connection, e: timeline.Entry) -> None:
    await conn.execute(
        "INSERT INTO timeline (request_id, seq, kind, status, at, reason, agency_name, by_agency, note,"
        " escalation, escalated_to, deadline) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)"
        " ON CONFLICT DO NOTHING",
        e.request_id,
        e.seq,
        e.kind,
        e.status,
        e.at,
        e.reason,
        e.agency_name,
        e.by_agency,
        e.note,
        e.escalation,
        e.escalated_to,
        e.deadline,
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
    agency: tuple[str, str | None] | None = None,
    expected_at: datetime | None = None,
    supporting: list[str] | None = None,
) -> None:
    """The request's status now; what happened goes to the timeline separately."""
    await conn.execute(
        "UPDATE requests SET status = $2, status_seq = $3, updated_at = $4,"
        " agency_code = coalesce($5, agency_code), agency_name = coalesce($6, agency_name),"
        " expected_at = coalesce($7, expected_at), supporting = coalesce($8, supporting) WHERE id = $1",
        request_id,
        status,
        seq,
        at,
        agency[0] if agency else None,
        agency[1] if agency else None,
        expected_at,
        supporting,
    )


async def set_expected(conn: Connection, request_id: str, at: datetime | None) -> None:
    """When the request should be done: the deadline routing's latest assignment set, if any."""
    await conn.execute("UPDATE requests SET expected_at = $2 WHERE id = $1", request_id, at)


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
    """The request a device already made for its item `client_id` (and that item's fingerprint), if any."""
    row = await conn.fetchrow(
        f"SELECT {REQUEST_COLUMNS}, area_code, client_fingerprint FROM requests"
        " WHERE channel = $1 AND source = $2 AND client_id = $3",
        channel,
        source,
        client_id,
    )
    return dict(row) if row else None


async def timeline_of(conn: Connection, request_id: str) -> list[dict[str, Any]]:
    rows = await conn.fetch(
        "SELECT seq, kind, status, at, reason, agency_name, by_agency, note, escalation, escalated_to,"
        " deadline FROM timeline WHERE request_id = $1 ORDER BY seq",
        request_id,
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
