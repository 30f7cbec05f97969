"""The network and rules in routing's tables. `conn` first; callers own the transaction."""

from __future__ import annotations

import hashlib
from typing import Any

from dekat import outbox, topics
from dekat.db import Connection

from routing import agencies, areas, rules
from routing.agencies import Agency, Network
from routing.areas import Area
from routing.rules import RuleSet

SEED_LOCK = 0x524F555445  # "ROUTE": one instance seeds from the files at a time


async def save_agency(conn: Connection, agency: Agency, *, keep_active: bool = False) -> None:
    """Insert or update; `keep_active`: an existing agency stays enabled or disabled (file seeding)."""
    d = agencies.as_document(agency)
    await conn.execute(
        "INSERT INTO agencies (code, name, kind, supervisor, capacity, calendar, handles, on_call, active)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (code) DO UPDATE SET name = $2, kind = $3,"
        " supervisor = $4, capacity = $5, calendar = $6, handles = $7, on_call = $8,"
        " active = CASE WHEN $10 THEN agencies.active ELSE $9 END",
        d["code"],
        d["name"],
        d["kind"],
        d["supervisor"],
        d["capacity"],
        d["calendar"],
        d["handles"],
        d["on_call"],
        d["active"],
        keep_active,
    )
    await bump_revision(conn)


async def save_area(conn: Connection, area: Area) -> None:
    await conn.execute(
        "INSERT INTO areas (code, name, level, parent, geometry) VALUES ($1, $2, $3, $4, $5)"
        " ON CONFLICT (code) DO UPDATE SET name = $2, level = $3, parent = $4, geometry = $5",
        area.code,
        area.name,
        area.level,
        area.parent,
        area.geometry,
    )
    await bump_revision(conn)


async def bump_revision(conn: Connection) -> None:
    await conn.execute("UPDATE network SET revision = revision + 1")


async def revision(conn: Connection) -> int:
    """Which version of the network the tables hold now; any change makes it bigger."""
    found: int | None = await conn.fetchval("SELECT revision FROM network")
    return -1 if found is None else found


async def rules_version(conn: Connection) -> int:
    found: int = await conn.fetchval("SELECT coalesce(max(version), 0) FROM rule_sets")
    return found


async def save_network(conn: Connection, network: Network) -> None:
    """Agencies no longer in the network stay, for history; every area and agency is upserted.

    An agency the admin disabled stays disabled when the files change: only the admin API enables it.
    """
    for area in network.areas.values():
        await save_area(conn, area)
    for agency in network.agencies.values():
        await save_agency(conn, agency, keep_active=True)
    await conn.execute(
        "INSERT INTO network (coordinator, streets) VALUES ($1, $2) ON CONFLICT (singleton)"
        " DO UPDATE SET coordinator = $1, streets = $2, revision = network.revision + 1",
        network.coordinator,
        network.streets,
    )


async def load_network(conn: Connection) -> Network:
    row = await conn.fetchrow("SELECT coordinator, streets FROM network")
    if row is None:
        raise RuntimeError("the agency network has not been loaded into the database yet")
    documents = [dict(r) for r in await conn.fetch(AGENCIES)]
    return Network(
        agencies={d["code"]: agencies.parse_agency(d) for d in documents},
        areas=await load_areas(conn),
        coordinator=row["coordinator"],
        streets=row["streets"],
    )


async def load_areas(conn: Connection) -> dict[str, Area]:
    rows = await conn.fetch("SELECT code, name, level, parent, geometry FROM areas ORDER BY code")
    return {r["code"]: Area(**dict(r)) for r in rows}


async def announce_areas(conn: Connection, changed: list[Area]) -> None:
    """Put every changed area on `network.areas.v1` (keyed by its code) with the current revision."""
    current = await revision(conn)
    for area in changed:
        await outbox.enqueue(conn, topics.NETWORK_AREAS, areas.announcement(area, current), key=area.code)


async def announce_agencies(conn: Connection, changed: list[Agency]) -> None:
    """Put every changed agency on `network.agencies.v1` (keyed by its code) with the current revision."""
    current = await revision(conn)
    for agency in changed:
        await outbox.enqueue(
            conn, topics.NETWORK_AGENCIES, agencies.announcement(agency, current), key=agency.code
        )


AGENCIES = (
    "SELECT code, name, kind, supervisor, capacity, calendar, handles, on_call, active"
    " FROM agencies ORDER BY code"
)


async def agency_documents(conn: Connection) -> list[dict[str, Any]]:
    return [dict(r) for r in await conn.fetch(AGENCIES)]


async def add_rules(conn: Connection, document: dict[str, Any], origin: str) -> int:
    """Store `document` as the next rule version; returns that version."""
    version: int = await conn.fetchval(
        "INSERT INTO rule_sets (document, origin) VALUES ($1, $2) RETURNING version", document, origin
    )
    return version


async def load_rules(conn: Connection) -> RuleSet:
    row = await conn.fetchrow("SELECT version, document FROM rule_sets ORDER BY version DESC LIMIT 1")
    if row is None:
        return rules.RuleSet(version=0, rules=())
    return rules.parse(row["document"], row["version"])


async def rules_document(conn: Connection) -> tuple[int, dict[str, Any]]:
    row = await conn.fetchrow("SELECT version, document FROM rule_sets ORDER BY version DESC LIMIT 1")
    return (0, {"rules": []}) if row is None else (row["version"], row["document"])


async def add_key(conn: Connection, agency_code: str, key_hash: str) -> None:
    await conn.execute(
        "INSERT INTO api_keys (key_hash, agency_code) VALUES ($1, $2) ON CONFLICT (key_hash) DO NOTHING",
        key_hash,
        agency_code,
    )


async def agency_of_key(conn: Connection, key_hash: str) -> str | None:
    """The enabled agency whose key this is."""
    code: str | None = await conn.fetchval(
        "SELECT k.agency_code FROM api_keys k JOIN agencies a ON a.code = k.agency_code"
        " WHERE k.key_hash = $1 AND a.active",
        key_hash,
    )
    return code


async def changed_source(conn: Connection, name: str, content: bytes) -> bool:
    """Record `content` as the loaded version of file `name`; False if it was loaded already."""
    digest = hashlib.sha256(content).hexdigest()
    status: str = await conn.execute(
        "INSERT INTO network_sources (name, digest) VALUES ($1, $2)"
        " ON CONFLICT (name) DO UPDATE SET digest = $2 WHERE network_sources.digest <> $2",
        name,
        digest,
    )
    return status.endswith(" 1")


async def lock_seeding(conn: Connection) -> None:
    await conn.execute("SELECT pg_advisory_xact_lock($1)", SEED_LOCK)
