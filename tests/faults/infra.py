"""The fault suite's own infrastructure, never the shared one: a Kafka broker, a PostgreSQL
cluster, an SMTP sink and the fake SMS provider on ports of their own, started and stopped here
with the same deploy/local scripts a developer runs (other environment, same code)."""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import sys
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, replace
from pathlib import Path

import asyncpg
import httpx
from dekat import acls, db
from dekat.clients import Kafka

from tests.conftest import KAFKA

ROOT = Path(__file__).resolve().parents[2]
PORT_BASE = int(os.environ.get("DEKAT_E2E_PORT_BASE", "18000"))
KAFKA_PORT, CONTROLLER_PORT, INTERNAL_PORT = PORT_BASE + 70, PORT_BASE + 71, PORT_BASE + 72
PG_PORT = PORT_BASE + 75
SMTP_PORT, PROVIDER_PORT = PORT_BASE + 67, PORT_BASE + 66
CALLBACK_SECRET = "faults-callback-secret"
PG_CLUSTER = f"faults{PG_PORT}"
"""One cluster per port: two checkouts with different DEKAT_E2E_PORT_BASE never share one."""


@dataclass(frozen=True)
class Infra:
    run: Path
    kafka: Kafka
    """The suite's broker, as the tooling super-user."""
    admin_dsn: str
    maildir: Path
    provider_url: str

    def kafka_env(self) -> dict[str, str]:
        return {
            **self.kafka.env(ROOT),
            "DEKAT_RUN": str(self.run),
            "KAFKA_PORT": str(KAFKA_PORT),
            "KAFKA_CONTROLLER_PORT": str(CONTROLLER_PORT),
            "KAFKA_INTERNAL_PORT": str(INTERNAL_PORT),  # the node's own listener
        }

    def dsn(self, database: str) -> str:
        return self.admin_dsn.rsplit("/", 1)[0] + f"/{database}"


PG_ENV = {"PG_CLUSTER": PG_CLUSTER, "PGPORT": str(PG_PORT)}


async def script(name: str, command: str, env: dict[str, str]) -> float:
    """Run `deploy/local/<name>.sh <command>`; the seconds it took. Fails with its output."""
    started = time.monotonic()
    process = await asyncio.create_subprocess_exec(
        "bash",
        str(ROOT / "deploy/local" / f"{name}.sh"),
        command,
        cwd=ROOT,
        env={**os.environ, "DEKAT_PYTHON": sys.executable, **env},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    out, _ = await process.communicate()
    if process.returncode != 0:
        raise RuntimeError(f"{name}.sh {command} failed:\n{out.decode(errors='replace')}")
    return time.monotonic() - started


async def kafka(infra: Infra, command: str) -> float:
    return await script("kafka", command, infra.kafka_env())


async def postgres(command: str) -> float:
    return await script("postgres", command, PG_ENV)


async def spawn(log: Path, *args: str) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable, *args, cwd=ROOT, stdout=log.open("ab"), stderr=asyncio.subprocess.STDOUT
    )


async def until_ok(url: str, process: asyncio.subprocess.Process, log: Path, timeout: float = 60) -> None:
    async with httpx.AsyncClient(timeout=3) as client, asyncio.timeout(timeout):
        while True:
            if process.returncode is not None:
                raise RuntimeError(f"{url}: the process exited; see {log}")
            with contextlib.suppress(httpx.HTTPError):
                if (await client.get(url)).status_code == 200:
                    return
            await asyncio.sleep(0.3)


async def until_listening(port: int, timeout: float = 30) -> None:
    async with asyncio.timeout(timeout):
        while True:
            with contextlib.suppress(OSError):
                _, writer = await asyncio.open_connection("127.0.0.1", port)
                writer.close()
                return
            await asyncio.sleep(0.2)


@contextlib.asynccontextmanager
async def sink_and_provider(tmp: Path, notify_url: str) -> AsyncIterator[tuple[Path, str]]:
    maildir = tmp / "mail"
    maildir.mkdir()
    sink = await spawn(
        tmp / "smtp.log", "deploy/local/smtp_sink.py", "--port", str(SMTP_PORT), "--maildir", str(maildir)
    )
    provider = await spawn(
        tmp / "provider.log",
        "deploy/local/fake_provider.py",
        *("--port", str(PROVIDER_PORT), "--notify-url", notify_url, "--secret", CALLBACK_SECRET),
    )
    url = f"http://127.0.0.1:{PROVIDER_PORT}"
    try:
        await until_listening(SMTP_PORT)
        await until_ok(f"{url}/health", provider, tmp / "provider.log")
        yield maildir, url
    finally:
        for process in (sink, provider):
            if process.returncode is None:
                process.terminate()
            await process.wait()


RUN = ROOT / ".run" / "faults"
"""The broker's pid file, logs and data: in one place, so a run killed half-way is cleaned up by the next."""


def progress(line: str) -> None:
    """One line per step in .run/faults/progress.log: what a long run is doing right now."""
    RUN.mkdir(parents=True, exist_ok=True)
    with (RUN / "progress.log").open("a") as out:
        out.write(f"{time.strftime('%H:%M:%S')} {line}\n")


async def fresh_kafka(infra: Infra) -> None:
    """Stop a broker a killed run left behind, forget its data, start one; its users and ACLs as
    `make infra` makes them (every service as itself, every agency of the demo network)."""
    await kafka(infra, "stop")
    shutil.rmtree(infra.run / "kafka" / "data", ignore_errors=True)
    await kafka(infra, "start")
    access = await asyncio.create_subprocess_exec(
        sys.executable,
        str(ROOT / "deploy/local/kafka_access.py"),
        "demo",
        cwd=ROOT,
        env={**os.environ, **infra.kafka.env(ROOT), "DEKAT_NAMESPACE": ""},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    out, _ = await access.communicate()
    if access.returncode != 0:
        raise RuntimeError(f"kafka_access.py demo failed:\n{out.decode(errors='replace')}")


def service_kafka_env(infra: Infra, service: str) -> dict[str, str]:
    """The settings that make `service` connect to the suite's broker as itself."""
    return acls.demo_env(infra.kafka, service, ROOT)


@contextlib.asynccontextmanager
async def infrastructure(tmp: Path, notify_url: str) -> AsyncIterator[Infra]:
    """PostgreSQL and Kafka of the suite's own (both stopped again at the end), a sink, a provider."""
    run = RUN
    admin_dsn = f"postgresql://dekat_test:dekat_test@127.0.0.1:{PG_PORT}/postgres"
    await postgres("install")
    await postgres("start")
    progress("PostgreSQL started")
    try:
        await script("kafka", "install", {})
        async with sink_and_provider(tmp, notify_url) as (maildir, provider_url):
            broker = replace(
                KAFKA, bootstrap=f"127.0.0.1:{KAFKA_PORT}", ca_file=str(run / "kafka/tls/ca.pem")
            )
            infra = Infra(run, broker, admin_dsn, maildir, provider_url)
            await fresh_kafka(infra)
            progress("Kafka started")
            try:
                yield infra
            finally:
                await kafka(infra, "stop")
    finally:
        await postgres("stop")


async def create_database(infra: Infra, name: str) -> str:
    conn = await asyncpg.connect(infra.admin_dsn)
    try:
        await db.drop_database(conn, name)
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    return infra.dsn(name)
