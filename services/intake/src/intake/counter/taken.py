"""The requests a counter's staff member took. `conn` first."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from dekat.db import Connection


async def by(conn: Connection, username: str, *, since: datetime, limit: int = 50) -> list[dict[str, Any]]:
    rows = await conn.fetch(
        "SELECT id::text, tracking_code, service_code, status, submitted_at FROM requests"
        " WHERE channel = 'counter' AND taken_by = $1 AND submitted_at >= $2"
        " ORDER BY submitted_at DESC LIMIT $3",
        username,
        since,
        limit,
    )
    return [dict(r) for r in rows]
