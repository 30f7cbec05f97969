"""A service whose applied migration was edited refuses to start, naming it, instead of running
on a schema that silently differs from its files."""

from __future__ import annotations

import asyncio
import os
import sys
import uuid
from pathlib import Path

import asyncpg
import pytest
from dekat import db

from tests import kafka_access
from tests.conftest import ADMIN_DSN
from tests.e2e.stack import PORT_BASE, ROOT

pytestmark = pytest.mark.e2e


async def started(dsn: str) -> str:
    """What intake logs from its start until it exits."""
    env = {
        **os.environ,
        "DEKAT_DATABASE_URL": dsn,
        **kafka_access.service_env("intake"),
        "DEKAT_HTTP_PORT": str(PORT_BASE + 14),
        "DEKAT_NAMESPACE": f"edited-{uuid.uuid4().hex[:8]}.",
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "intake",
        cwd=ROOT,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await asyncio.wait_for(process.communicate(), timeout=60)
    return output.decode()


async def test_intake_with_an_edited_migration_exits_saying_which(tmp_path: Path) -> None:
    admin = await asyncpg.connect(ADMIN_DSN)
    name = f"edited_{uuid.uuid4().hex[:10]}"
    await admin.execute(f'CREATE DATABASE "{name}"')
    dsn = ADMIN_DSN.rsplit("/", 1)[0] + f"/{name}"
    try:
        pool = await db.create_pool(dsn)
        await db.migrate(pool, ["dekat", "intake"])
        edited = await pool.fetchval("SELECT name FROM schema_migrations WHERE name LIKE 'intake/0002%'")
        await pool.execute("UPDATE schema_migrations SET checksum = 'as it was then' WHERE name = $1", edited)
        await pool.close()
        log = await started(dsn)
    finally:
        await db.drop_database(admin, name)
        await admin.close()
    assert "refusing to start" in log
    assert f"{edited}. Restore them as they were and put the change in a new migration" in log
