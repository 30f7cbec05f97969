"""intake alone as a real process, with its own database and namespace, on the real broker.

For behaviour that ends at intake's edge (what it accepts, answers, stores and publishes),
without the CPU of routing and notify. Events from routing are produced by the test itself.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import asyncpg
from dekat import db

from tests import kafka_access
from tests.conftest import ADMIN_DSN
from tests.e2e.stack import ROOT, wait_ready

DATABASE_PORT = int(ADMIN_DSN.rsplit(":", 1)[1].split("/")[0])


@dataclass(frozen=True)
class Intake:
    url: str
    dsn: str
    """Straight to the database, whichever way intake reaches it."""
    namespace: str
    log: Path


@contextlib.asynccontextmanager
async def intake_alone(
    tmp: Path, port: int, overrides: dict[str, str] | None = None, *, database_port: int = DATABASE_PORT
) -> AsyncIterator[Intake]:
    """`database_port`: where intake finds PostgreSQL (a proxy in front of it, say)."""
    admin = await asyncpg.connect(ADMIN_DSN)
    name = f"intake_{uuid.uuid4().hex[:10]}"
    await admin.execute(f'CREATE DATABASE "{name}"')
    dsn = ADMIN_DSN.rsplit("/", 1)[0] + f"/{name}"
    namespace = f"alone-{uuid.uuid4().hex[:8]}."
    await kafka_access.open_namespace(namespace)
    env = {
        **os.environ,
        "DEKAT_DATABASE_URL": dsn.replace(f":{DATABASE_PORT}/", f":{database_port}/"),
        **kafka_access.service_env("intake"),
        "DEKAT_HTTP_PORT": str(port),
        "DEKAT_NAMESPACE": namespace,
        "DEKAT_OUTBOX_POLL_SECONDS": "0.5",
        "DEKAT_RECONNECT_MAX_SECONDS": "1",
        "DEKAT_RATE_LIMIT_EXEMPT": "127.0.0.0/8",
        **(overrides or {}),
    }
    log, url = tmp / "intake.log", f"http://127.0.0.1:{port}"
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "intake",
        cwd=ROOT,
        env=env,
        stdout=log.open("wb"),
        stderr=asyncio.subprocess.STDOUT,
    )
    try:
        await wait_ready(url, process, log)
        yield Intake(url, dsn, namespace, log)
    finally:
        process.terminate()
        await process.wait()
        await db.drop_database(admin, name)
        await admin.close()
        await kafka_access.close_namespace(namespace)
