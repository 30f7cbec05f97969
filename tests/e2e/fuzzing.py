"""One service as a real process for schemathesis: its own database, namespace and port.

The fuzz tests load the service's own OpenAPI document and check every answer against it.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import asyncpg
import httpx
from dekat import db

from tests import kafka_access
from tests.conftest import ADMIN_DSN
from tests.e2e.stack import ROOT


async def admin_sql(sql: str) -> None:
    conn = await asyncpg.connect(ADMIN_DSN)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


async def drop(name: str) -> None:
    conn = await asyncpg.connect(ADMIN_DSN)
    try:
        await db.drop_database(conn, name)
    finally:
        await conn.close()


def wait_ready(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        assert process.poll() is None, f"{url} exited; see {log}"
        try:
            if httpx.get(f"{url}/health/ready").status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise TimeoutError(url)


@dataclass(frozen=True)
class Running:
    url: str
    namespace: str
    """The prefix of its topics and consumer groups."""


@contextmanager
def service_alone(service: str, port: int, log: Path, settings: dict[str, str]) -> Iterator[Running]:
    """`service` running on `port` until the block ends."""
    name, namespace = f"fuzz_{uuid.uuid4().hex[:10]}", f"fuzz-{uuid.uuid4().hex[:8]}."
    asyncio.run(admin_sql(f'CREATE DATABASE "{name}"'))
    asyncio.run(kafka_access.open_namespace(namespace))
    env = {
        **os.environ,
        "DEKAT_DATABASE_URL": ADMIN_DSN.rsplit("/", 1)[0] + f"/{name}",
        "DEKAT_HTTP_PORT": str(port),
        **kafka_access.service_env(service),
        "DEKAT_NAMESPACE": namespace,
        "DEKAT_LOG_LEVEL": "WARNING",
        **settings,
    }
    url = f"http://127.0.0.1:{port}"
    with log.open("wb") as out:
        process = subprocess.Popen([sys.executable, "-m", service], cwd=ROOT, env=env, stdout=out, stderr=out)
    try:
        wait_ready(url, process, log)
        yield Running(url, namespace)
    finally:
        process.terminate()
        process.wait()
        asyncio.run(drop(name))
        asyncio.run(kafka_access.close_namespace(namespace))
