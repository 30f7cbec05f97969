"""intake's copy of the network's areas. Connection first; callers own the transaction."""

from __future__ import annotations

from dekat.db import Connection
from dekat.payloads import NetworkArea


async def keep(conn: Connection, area: NetworkArea) -> bool:
    """Store `area` unless a copy of the same or a newer revision is here; whether it was stored."""
    status: str = await conn.execute(
        "INSERT INTO areas (code, name, level, parent, geometry, revision) VALUES ($1, $2, $3, $4, $5, $6)"
        " ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, level = EXCLUDED.level,"
        " parent = EXCLUDED.parent, geometry = EXCLUDED.geometry, revision = EXCLUDED.revision,"
        " updated_at = now() WHERE areas.revision < EXCLUDED.revision",
        area.code,
        area.name,
        area.level,
        area.parent,
        area.geometry,
        area.revision,
    )
    return status.endswith(" 1")


async def every(conn: Connection) -> list[NetworkArea]:
    rows = await conn.fetch("SELECT code, name, level, parent, geometry, revision FROM areas ORDER BY code")
    return [NetworkArea.model_validate(dict(r)) for r in rows]


async def version(conn: Connection) -> tuple[int, int, str]:
    """Changes whenever the table does: how many areas, their newest revision, the last write."""
    row = await conn.fetchrow(
        "SELECT count(*) AS n, coalesce(max(revision), 0) AS revision, coalesce(max(updated_at)::text, '')"
        " AS at FROM areas"
    )
    assert row is not None
    return row["n"], row["revision"], row["at"]
