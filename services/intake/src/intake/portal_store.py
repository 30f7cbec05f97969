"""The portal's tables and queries: photos, and the open requests near a point. Connection first."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from dekat.db import Connection

from intake.nearby import Box
from intake.photos import Cleaned
from intake.statuses import CLOSED
from intake.store import REQUEST_COLUMNS


async def insert_photos(conn: Connection, request_id: str, photos: list[tuple[str, Cleaned]]) -> None:
    """`photos`: (photo id, the re-encoded photo), in the order the citizen attached them."""
    await conn.executemany(
        "INSERT INTO photos (id, request_id, position, content_type, data, width, height)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7)",
        [
            (pid, request_id, n, p.content_type, p.data, p.width, p.height)
            for n, (pid, p) in enumerate(photos)
        ],
    )


async def photo(conn: Connection, photo_id: str, *, public_only: bool) -> dict[str, Any] | None:
    """A photo's type and bytes; with `public_only`, only if its request is public."""
    row = await conn.fetchrow(
        "SELECT p.content_type, p.data FROM photos p JOIN requests r ON r.id = p.request_id"
        " WHERE p.id = $1 AND (NOT $2 OR r.privacy = 'public')",
        photo_id,
        public_only,
    )
    return dict(row) if row else None


async def open_near(conn: Connection, service_code: str, box: Box, since: datetime) -> list[dict[str, Any]]:
    """Public, still open requests of `service_code` inside `box`, submitted since `since`, the
    nearest to the box's centre first (the `requests_near` GiST index), the newest of equally near."""
    rows = await conn.fetch(
        f"SELECT {REQUEST_COLUMNS} FROM requests WHERE service_code = $1 AND privacy = 'public'"
        " AND NOT (status = ANY($2::text[])) AND submitted_at >= $3"
        " AND lat IS NOT NULL AND long IS NOT NULL"
        " AND point(long, lat) <@ box(point($6, $4), point($7, $5))"
        " ORDER BY point(long, lat) <-> center(box(point($6, $4), point($7, $5))), submitted_at DESC"
        " LIMIT 50",
        service_code,
        sorted(CLOSED),
        since,
        box.south,
        box.north,
        box.west,
        box.east,
    )
    return [dict(r) for r in rows]
