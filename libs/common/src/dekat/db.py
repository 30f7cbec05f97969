"""PostgreSQL: the pool, and numbered `.sql` migrations applied once under an advisory lock,
each with its checksum: an applied migration edited afterwards stops the service from starting."""

from __future__ import annotations

import asyncio
import hashlib
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


class MigrationChanged(Exception):
    """An applied migration's file is not what was applied: the schema would silently differ."""


def checksum(sql: str) -> str:
    return hashlib.sha256(sql.encode()).hexdigest()


async def migrate(pool: Pool, packages: list[str]) -> list[str]:
    """Apply what has not been applied yet; returns the names applied now.

    Raises `MigrationChanged` (applying nothing) when a file already applied has changed since:
    a change is a new migration, never an edit of an applied one.
    """
    wanted = [m for package in packages for m in migrations_of(package)]
    async with pool.acquire() as conn:
        await conn.execute("SELECT pg_advisory_lock($1)", MIGRATION_LOCK)
        try:
            applied = await applied_checksums(conn, wanted)
            if changed := [name for name, sql in wanted if applied.get(name, checksum(sql)) != checksum(sql)]:
                raise MigrationChanged(
                    f"applied migrations changed since they were applied: {', '.join(changed)}."
                    " Restore them as they were and put the change in a new migration."
                )
            fresh = [(name, sql) for name, sql in wanted if name not in applied]
            for name, sql in fresh:
                await apply(conn, name, sql)
            return [name for name, _ in fresh]
        finally:
            await conn.execute("SELECT pg_advisory_unlock($1)", MIGRATION_LOCK)


async def applied_checksums(conn: Connection, wanted: list[tuple[str, str]]) -> dict[str, str]:
    """name → checksum of every applied migration; one applied before checksums were kept is
    recorded as its file is now (the first start after the upgrade trusts what it finds)."""
    await conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())"
    )
    await conn.execute("ALTER TABLE schema_migrations ADD COLUMN IF NOT EXISTS checksum text")
    for name, sql in wanted:
        await conn.execute(
            "UPDATE schema_migrations SET checksum = $2 WHERE name = $1 AND checksum IS NULL",
            name,
            checksum(sql),
        )
    return {
        r["name"]: r["checksum"] for r in await conn.fetch("SELECT name, checksum FROM schema_migrations")
    }


async def apply(conn: Connection, name: str, sql: str) -> None:
    async with conn.transaction():
        await conn.execute(sql)
        await conn.execute(
            "INSERT INTO schema_migrations (name, checksum) VALUES ($1, $2)", name, checksum(sql)
        )


DROP_ATTEMPTS = 20


async def drop_database(conn: Connection | asyncpg.Connection, name: str) -> None:
    """`DROP DATABASE IF EXISTS name WITH (FORCE)`, for tests and benchmarks.

    FORCE cannot end an autovacuum worker for a role that is not a superuser (the worker has no
    role a user can be a member of), so a drop right after heavy writes may be refused with
    InsufficientPrivilegeError; the worker is done within moments, and the drop is tried again.
    """
    for attempt in range(DROP_ATTEMPTS):
        try:
            await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            return
        except asyncpg.exceptions.InsufficientPrivilegeError:
            if attempt == DROP_ATTEMPTS - 1:
                raise
            await asyncio.sleep(0.5)
