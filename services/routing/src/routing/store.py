"""routing's tables. Every function takes the connection first; callers own the transaction."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from dekat.db import Connection
from dekat.payloads import RequestSubmitted

from routing.agencies import Agency, Network
from routing.decisions import FIRST_STATUS_SEQ, Decision


async def save_network(conn: Connection, network: Network) -> None:
    """Make the tables say what the file says; agencies no longer in it stay, for history."""
    await conn.executemany(
        "INSERT INTO agencies (code, name, kind, supervisor, capacity, timezone)"
        " VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (code) DO UPDATE SET name = $2, kind = $3,"
        " supervisor = $4, capacity = $5, timezone = $6",
        [(a.code, a.name, a.kind, a.supervisor, a.capacity, a.timezone) for a in network.agencies.values()],
    )
    await conn.execute(
        "DELETE FROM service_agencies WHERE NOT service_code = ANY($1::text[])", list(network.services)
    )
    await conn.executemany(
        "INSERT INTO service_agencies (service_code, agency_code) VALUES ($1, $2)"
        " ON CONFLICT (service_code) DO UPDATE SET agency_code = $2",
        list(network.services.items()),
    )
    await conn.execute(
        "INSERT INTO network (coordinator) VALUES ($1)"
        " ON CONFLICT (singleton) DO UPDATE SET coordinator = $1",
        network.coordinator,
    )


async def load_network(conn: Connection) -> Network:
    coordinator: str | None = await conn.fetchval("SELECT coordinator FROM network")
    if coordinator is None:
        raise RuntimeError("the agency network has not been loaded into the database yet")
    agencies = [Agency(**dict(r)) for r in await conn.fetch(AGENCIES)]
    services = await conn.fetch("SELECT service_code, agency_code FROM service_agencies")
    return Network(
        agencies={a.code: a for a in agencies},
        services={r["service_code"]: r["agency_code"] for r in services},
        coordinator=coordinator,
    )


AGENCIES = "SELECT code, name, kind, supervisor, capacity, timezone FROM agencies ORDER BY code"


async def all_agencies(conn: Connection) -> list[dict[str, Any]]:
    return [dict(r) for r in await conn.fetch(AGENCIES)]


async def insert_request(conn: Connection, r: RequestSubmitted) -> bool:
    """False if this request is already here."""
    status: str = await conn.execute(
        "INSERT INTO requests (request_id, tracking_code, service_code, description, lat, long,"
        " address, privacy, attributes, submitted_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
        " ON CONFLICT (request_id) DO NOTHING",
        r.request_id,
        r.tracking_code,
        r.service_code,
        r.description,
        r.lat,
        r.long,
        r.address,
        r.privacy,
        r.attributes,
        r.submitted_at,
    )
    return status == "INSERT 0 1"


async def insert_assignment(conn: Connection, request_id: str, d: Decision, assigned_at: datetime) -> bool:
    """False if the request was already assigned: it never is twice."""
    status: str = await conn.execute(
        "INSERT INTO assignments (request_id, agency_code, reasons, rule_version, status, status_seq,"
        " assigned_at, acknowledge_by, resolve_by) VALUES ($1, $2, $3, $4, 'assigned', $5, $6, $7, $8)"
        " ON CONFLICT (request_id) DO NOTHING",
        request_id,
        d.agency.code,
        list(d.reasons),
        d.rule_version,
        FIRST_STATUS_SEQ,
        assigned_at,
        d.acknowledge_by,
        d.resolve_by,
    )
    return status == "INSERT 0 1"


async def assignment(conn: Connection, request_id: str) -> dict[str, Any] | None:
    """Who holds the request and why, as the routing explanation shows it."""
    row = await conn.fetchrow(
        "SELECT a.request_id, a.agency_code, g.name AS agency_name, a.reasons, a.rule_version,"
        " a.assigned_at, a.acknowledge_by, a.resolve_by"
        " FROM assignments a JOIN agencies g ON g.code = a.agency_code WHERE a.request_id = $1",
        request_id,
    )
    return None if row is None else dict(row)
