"""The three services as real processes, with their own databases, ports and consumer groups.

They share the real Kafka broker and SMTP sink with anything else running on this machine;
their own consumer groups and databases keep them apart.
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
import httpx
from dekat import db

from tests import kafka_access
from tests.conftest import ADMIN_DSN

ROOT = Path(__file__).resolve().parents[2]
PORT_BASE = int(os.environ.get("DEKAT_E2E_PORT_BASE", "18000"))
"""Lets two test runs on one machine (say, two developers' branches) use different ports."""
SERVICES = {"intake": PORT_BASE + 1, "routing": PORT_BASE + 2, "notify": PORT_BASE + 3}


@dataclass(frozen=True)
class Stack:
    namespace: str
    urls: dict[str, str]
    databases: dict[str, str]
    logs: dict[str, Path]


async def create_database(admin: asyncpg.Connection) -> str:
    name = f"e2e_{uuid.uuid4().hex[:10]}"
    await admin.execute(f'CREATE DATABASE "{name}"')
    return name


def environment(
    service: str, dsn: str, namespace: str, overrides: dict[str, str] | None = None
) -> dict[str, str]:
    """`overrides` change any setting for every service, after the defaults below."""
    return {
        **os.environ,
        "DEKAT_DATABASE_URL": dsn,
        "DEKAT_HTTP_PORT": str(SERVICES[service]),
        **kafka_access.service_env(service),
        "DEKAT_NAMESPACE": namespace,
        "DEKAT_PUBLIC_URL": f"http://127.0.0.1:{SERVICES['intake']}",
        "DEKAT_OUTBOX_POLL_SECONDS": "0.5",
        "DEKAT_QUIET_HOURS": "",  # mail flows at any hour in Jakarta; notify's own tests cover quiet hours
        "DEKAT_RATE_LIMIT_EXEMPT": "127.0.0.0/8",  # tests flood from loopback; test_rate_limits limits it
        "DEKAT_PUBLIC_REFRESH_SECONDS": "1",  # the public figures follow within a second or two
        **(overrides or {}),
    }


async def wait_ready(url: str, process: asyncio.subprocess.Process, log: Path) -> None:
    async with httpx.AsyncClient() as client, asyncio.timeout(90):
        while True:
            if process.returncode is not None:
                raise RuntimeError(f"{url} exited; see {log}")
            with contextlib.suppress(httpx.HTTPError):
                if (await client.get(f"{url}/health/ready")).status_code == 200:
                    return
            await asyncio.sleep(0.3)


@contextlib.asynccontextmanager
async def running_stack(
    tmp: Path, overrides: dict[str, str] | None = None, only: tuple[str, ...] = tuple(SERVICES)
) -> AsyncIterator[Stack]:
    """The services (all three, or `only` some) as processes; `Stack.urls` has the ones started."""
    admin = await asyncpg.connect(ADMIN_DSN)
    namespace = f"e2e-{uuid.uuid4().hex[:8]}."
    await kafka_access.open_namespace(namespace)
    databases = {s: await create_database(admin) for s in only}
    dsns = {s: ADMIN_DSN.rsplit("/", 1)[0] + f"/{name}" for s, name in databases.items()}
    logs = {s: tmp / f"{s}.log" for s in only}
    processes = {
        s: await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            s,
            cwd=ROOT,
            env=environment(s, dsns[s], namespace, overrides),
            stdout=logs[s].open("wb"),
            stderr=asyncio.subprocess.STDOUT,
        )
        for s in only
    }
    urls = {s: f"http://127.0.0.1:{SERVICES[s]}" for s in only}
    try:
        for s in only:
            await wait_ready(urls[s], processes[s], logs[s])
        yield Stack(namespace=namespace, urls=urls, databases=dsns, logs=logs)
    finally:
        for process in processes.values():
            if process.returncode is None:
                process.terminate()
        for process in processes.values():
            await process.wait()
        for name in databases.values():
            await db.drop_database(admin, name)
        await admin.close()
        await kafka_access.close_namespace(namespace)
