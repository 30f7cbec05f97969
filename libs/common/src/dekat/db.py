"""PostgreSQL: the pool, and numbered `.sql` migrations applied once under an advisory lock."""

from __future__ import annotations

import json
from importlib import resources
from importlib.resources.abc import Traversable
from typing import TYPE_CHECKING, TypeAlias

import asyncpg
from asyncpg.pool import PoolConnectionProxy

if TYPE_CHECKING:
    Pool: TypeAlias = asyncpg.Pool[asyncpg.Record]
    Connection: TypeAlias = asyncpg.Connection[asyncpg.Record] | PoolConnectionProxy[asyncpg.Record]
else:  # asyncpg's classes are generic only in its stubs
    Pool = asyncpg.Pool
    Connection = asyncpg.Connection | PoolConnectionProxy

MIGRATION_LOCK = 0x44454B4154  # "DEKAT": one migrator at a time per database


async def init_connection(conn: Connection) -> None:
    await conn.set_type_codec("jsonb", encoder=json.dumps, decoder=json.loads, schema="pg_catalog")


async def keep_session(conn: Connection) -> None:
    """Nothing to undo when a connection goes back to the pool: pool connections leave no session
    state behind (no SET, LISTEN or held session lock; `migrate` unlocks its own). asyncpg still
    rolls back an open transaction; skipping its reset query saves a round trip per use."""


async def create_pool(dsn: str, *, min_size: int = 1, max_size: int = 10) -> Pool:
    return await asyncpg.create_pool(
        dsn, min_size=min_size, max_size=max_size, init=init_connection, reset=keep_session, timeout=5
    )


def migrations_of(package: str) -> list[tuple[str, str]]:
    """(name, sql) of every `NNNN_*.sql` file in `<package>.migrations`, in order."""
    folder: Traversable = resources.files(package) / "migrations"
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".sql")), key=lambda f: f.name)
    return [(f"{package}/{f.name}", f.read_text()) for f in files]


async def migrate(pool: Pool, packages: list[str]) -> list[str]:
    """Apply what has not been applied yet; returns the names applied now."""
    applied_now: list[str] = []
    async with pool.acquire() as conn:
        await conn.execute("SELECT pg_advisory_lock($1)", MIGRATION_LOCK)
        try:
            await conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations ("
                " name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())"
            )
            done = {r["name"] for r in await conn.fetch("SELECT name FROM schema_migrations")}
            for package in packages:
                for name, sql in migrations_of(package):
                    if name in done:
                        continue
                    async with conn.transaction():
                        await conn.execute(sql)
                        await conn.execute("INSERT INTO schema_migrations (name) VALUES ($1)", name)
                    applied_now.append(name)
        finally:
            await conn.execute("SELECT pg_advisory_unlock($1)", MIGRATION_LOCK)
    return applied_now
