"""A service started while PostgreSQL and Kafka are unreachable says so, then recovers by itself."""

from __future__ import annotations

import asyncio
import os
import sys
import uuid
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
from dekat import db

from tests import kafka_access
from tests.conftest import ADMIN_DSN, KAFKA
from tests.e2e.proxy import Forwarder
from tests.e2e.stack import PORT_BASE

ROOT = Path(__file__).resolve().parents[2]
PORT = PORT_BASE + 11
PG_PROXY, KAFKA_PROXY = PORT_BASE + 12, PORT_BASE + 13

pytestmark = pytest.mark.e2e


async def readiness(client: httpx.AsyncClient) -> tuple[int, dict[str, Any]]:
    response = await client.get(f"http://127.0.0.1:{PORT}/health/ready")
    return response.status_code, response.json()


async def test_intake_is_not_ready_until_its_database_and_kafka_answer(tmp_path: Path) -> None:
    admin = await asyncpg.connect(ADMIN_DSN)
    name = f"ready_{uuid.uuid4().hex[:10]}"
    await admin.execute(f'CREATE DATABASE "{name}"')
    namespace = f"ready-{uuid.uuid4().hex[:8]}."
    dsn = ADMIN_DSN.replace(":5432/", f":{PG_PROXY}/").rsplit("/", 1)[0] + f"/{name}"
    env = {
        **os.environ,
        "DEKAT_DATABASE_URL": dsn,
        **kafka_access.service_env("intake"),
        "DEKAT_KAFKA_BOOTSTRAP": f"127.0.0.1:{KAFKA_PROXY}",
        "DEKAT_HTTP_PORT": str(PORT),
        "DEKAT_RECONNECT_MAX_SECONDS": "1",
        "DEKAT_NAMESPACE": namespace,
    }
    await kafka_access.open_namespace(namespace)
    log = (tmp_path / "intake.log").open("wb")
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "intake", cwd=ROOT, env=env, stdout=log, stderr=log
    )
    database = Forwarder(PG_PROXY, 5432)
    kafka = Forwarder(KAFKA_PROXY, int(KAFKA.bootstrap.rsplit(":", 1)[1]))
    try:
        async with httpx.AsyncClient() as client:
            async with asyncio.timeout(30):
                while True:
                    try:
                        status, body = await readiness(client)
                        break
                    except httpx.TransportError:
                        await asyncio.sleep(0.2)
            assert (status, body["checks"]) == (503, {"database": False, "kafka": False})
            live = await client.get(f"http://127.0.0.1:{PORT}/health/live")
            assert live.status_code == 200
            submitted = await client.post(f"http://127.0.0.1:{PORT}/v1/requests", json={})
            assert submitted.status_code in {422, 503}

            await database.start()
            await kafka.start()
            async with asyncio.timeout(60):
                while (await readiness(client))[0] != 200:
                    await asyncio.sleep(0.5)
            status, body = await readiness(client)
            assert body["checks"] == {"database": True, "kafka": True}
    finally:
        process.terminate()
        await process.wait()
        await database.stop()
        await kafka.stop()
        await db.drop_database(admin, name)
        await admin.close()
        await kafka_access.close_namespace(namespace)
