"""Computing the published document from the projection, and keeping it: the newest, and the last
of every week (each names its formula version). Connection first; callers own the transaction."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from dekat.db import Connection

from intake.figures import document, measures
from intake.figures.document import Counted, Names
from intake.figures.trust import CURRENT, Formula

EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
LOCK = 0x5055_424C  # "PUBL": one process computes at a time


@dataclass(frozen=True)
class Snapshot:
    id: int
    as_of: datetime
    formula: int
    etag: str
    document: dict[str, Any]


def etag_of(found: dict[str, Any]) -> str:
    canonical = json.dumps(found, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return '"' + hashlib.sha256(canonical.encode()).hexdigest()[:32] + '"'


async def counted(conn: Connection, as_of: datetime) -> Counted:
    return Counted(
        all=await measures.tallies(conn, "all", as_of, EPOCH),
        weeks=await measures.tallies(conn, "week", as_of, document.first_week(as_of)),
        months=await measures.tallies(conn, "month", as_of, document.first_month(as_of)),
        open_now=await measures.open_now(conn),
        demand=await measures.demand(conn, "month", as_of, document.first_month(as_of)),
    )


async def agencies(conn: Connection) -> dict[str, tuple[str, str]]:
    rows = await conn.fetch("SELECT code, name, kind FROM public_agencies ORDER BY code")
    return {r["code"]: (r["name"], r["kind"]) for r in rows}


async def compute(
    conn: Connection, names: Names, as_of: datetime, formula: Formula = CURRENT
) -> dict[str, Any]:
    """The document as of `as_of`, read in one repeatable snapshot of the tables."""
    async with conn.transaction(isolation="repeatable_read", readonly=True):
        found = await counted(conn, as_of)
        known = Names(await agencies(conn), names.services, names.areas, names.kecamatan)
    return document.document(found, known, as_of, formula)


async def keep(conn: Connection, found: dict[str, Any], formula: Formula = CURRENT) -> Snapshot:
    """Store `found` as the newest snapshot; the older ones of its week go (the week keeps its last)."""
    as_of = datetime.fromisoformat(found["as_of"])
    week, etag = document.week_of(as_of), etag_of(found)
    async with conn.transaction():
        snapshot_id = await conn.fetchval(
            "INSERT INTO public_snapshots (formula, as_of, week, etag, document) VALUES ($1, $2, $3, $4, $5)"
            " RETURNING id",
            formula.version,
            as_of,
            week,
            etag,
            found,
        )
        await conn.execute("DELETE FROM public_snapshots WHERE week = $1 AND id < $2", week, snapshot_id)
    return Snapshot(snapshot_id, as_of, formula.version, etag, found)


async def newest_id(conn: Connection) -> int | None:
    found: int | None = await conn.fetchval("SELECT max(id) FROM public_snapshots")
    return found


async def by_id(conn: Connection, snapshot_id: int) -> Snapshot | None:
    row = await conn.fetchrow(
        "SELECT id, as_of, formula, etag, document FROM public_snapshots WHERE id = $1", snapshot_id
    )
    return Snapshot(**dict(row)) if row else None


async def listing(conn: Connection) -> list[dict[str, Any]]:
    """Every kept snapshot (one a week, and the newest), without its document."""
    rows = await conn.fetch("SELECT id, as_of, formula, week FROM public_snapshots ORDER BY id DESC")
    return [dict(r) for r in rows]
