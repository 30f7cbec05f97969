"""Fuzz intake's native API from its own OpenAPI document: no input may cause a 5xx.

intake runs as a real process on a real (throwaway) database and the real broker.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

import asyncpg
import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import BaseSchema

from tests import kafka_access
from tests.conftest import ADMIN_DSN
from tests.e2e.stack import PORT_BASE, ROOT

pytestmark = pytest.mark.e2e
PORT = PORT_BASE + 50


async def admin_sql(sql: str) -> None:
    conn = await asyncpg.connect(ADMIN_DSN)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


def wait_ready(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        assert process.poll() is None, "intake exited"
        try:
            if httpx.get(f"{url}/health/ready").status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise TimeoutError(url)


@pytest.fixture(scope="module")
def intake_schema(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BaseSchema]:
    name, namespace = f"fuzz_{uuid.uuid4().hex[:10]}", f"fuzz-{uuid.uuid4().hex[:8]}."
    asyncio.run(admin_sql(f'CREATE DATABASE "{name}"'))
    asyncio.run(kafka_access.open_namespace(namespace))
    log: Path = tmp_path_factory.mktemp("fuzz") / "intake.log"
    env = {
        **os.environ,
        "DEKAT_DATABASE_URL": ADMIN_DSN.rsplit("/", 1)[0] + f"/{name}",
        "DEKAT_HTTP_PORT": str(PORT),
        **kafka_access.service_env("intake"),
        "DEKAT_NAMESPACE": namespace,
        "DEKAT_LOG_LEVEL": "WARNING",
    }
    url = f"http://127.0.0.1:{PORT}"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "intake"], cwd=ROOT, env=env, stdout=out, stderr=out
        )
    try:
        wait_ready(url, process)
        yield schemathesis.openapi.from_url(f"{url}/openapi.json").include(path_regex="^/v1/")
    finally:
        process.terminate()
        process.wait()
        asyncio.run(admin_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        asyncio.run(kafka_access.close_namespace(namespace))


def calls_never_fail(operation: Any) -> None:
    @given(case=operation.as_strategy())
    @settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def call(case: Any) -> None:
        response = case.call(timeout=10)
        assert response.status_code < 500, f"{case.method} {case.formatted_path}: {response.text[:300]}"

    call()


def test_no_input_makes_the_native_api_fail(intake_schema: BaseSchema) -> None:
    operations = [
        cast(Any, result).ok() for result in intake_schema.get_all_operations()
    ]  # an invalid schema fails here
    assert len(operations) >= 9  # every /v1 operation is in the document
    for operation in operations:
        calls_never_fail(operation)
