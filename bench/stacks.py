"""The systems under test as real processes: Dekat (three services) and the bare pipeline.

Each stack gets fresh databases, its own ports and a topic namespace on the shared broker, and
is torn down afterwards (processes, databases, topics). The bench's own SMTP sink takes the mail.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import subprocess
import sys
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

import asyncpg
import httpx
from dekat import acls, db, grants, topic_admin, topics
from dekat.clients import Kafka
from dekat.settings import CommonSettings

from bench.bare import config as bare

ROOT = Path(__file__).resolve().parents[1]
KAFKA = Kafka.of(CommonSettings())
"""The broker of the `DEKAT_KAFKA_*` settings as the tooling super-user; each service runs as itself."""
ADMIN_DSN = os.environ.get(
    "DEKAT_TEST_ADMIN_DSN", "postgresql://dekat_test:dekat_test@127.0.0.1:5432/postgres"
)
PORT_BASE = int(os.environ.get("BENCH_PORT_BASE", "28000"))
SMTP_PORT = PORT_BASE + 25


@dataclass(frozen=True)
class Shape:
    """How many of each part run: intake's HTTP workers, routing and notify instances."""

    intake_workers: int = 1
    routing: int = 1
    notify: int = 1
    source: Path | None = None
    """Another checkout of the code to run instead of this one (see `checkout`)."""


SOURCES = ("libs/common/src", "services/intake/src", "services/routing/src", "services/notify/src")


def checkout(ref: str, into: Path) -> Path:
    """The tree of git `ref` (e.g. `main`) under `into`, to run beside this one in the same bench."""
    commit = git("rev-parse", "--short", ref).decode().strip()
    target = (ROOT / into / commit).resolve()  # absolute: the services run with it as their cwd
    if not target.exists():
        target.mkdir(parents=True)
        archive = git("archive", commit)
        subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return target


def git(*args: str) -> bytes:
    return subprocess.run(["git", *args], cwd=ROOT, check=True, capture_output=True).stdout


def source_env(source: Path | None) -> dict[str, str]:
    """Its packages ahead of the workspace's own on the path: the same interpreter runs that code."""
    if source is None:
        return {}
    return {"PYTHONPATH": os.pathsep.join(str(source / s) for s in SOURCES)}


@dataclass
class Stack:
    system: str
    """`dekat` or `bare`."""
    url: str
    namespace: str
    databases: dict[str, str]
    """Name → DSN."""
    requests_db: str
    """The DSN of the database holding the `requests` table (id, description)."""
    groups: dict[str, list[str]]
    """Consumer group → its topics, as named on the broker: the lag to watch."""
    processes: dict[str, list[asyncio.subprocess.Process]] = field(default_factory=dict)
    """Role (`intake`, `routing`, ...) → its processes."""

    @property
    def agency_topics(self) -> str:
        """A pattern matching the stack's agency topics."""
        return "^" + re.escape(self.namespace) + r"agency\.[^.]+\.requests\.v1$"


async def spawn(
    role: str, argv: list[str], env: dict[str, str], logs: Path, cwd: Path = ROOT
) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        *argv,
        cwd=cwd,
        env={**os.environ, **env},
        stdout=(logs / f"{role}.log").open("ab"),
        stderr=asyncio.subprocess.STDOUT,
    )


async def wait_ready(url: str, process: asyncio.subprocess.Process) -> None:
    async with httpx.AsyncClient() as client, asyncio.timeout(120):
        while process.returncode is None:
            with contextlib.suppress(httpx.HTTPError):
                if (await client.get(f"{url}/health/ready")).status_code == 200:
                    return
            await asyncio.sleep(0.3)
    raise RuntimeError(f"{url} exited during startup (see its log)")


async def create_databases(names: list[str]) -> dict[str, str]:
    conn = await asyncpg.connect(ADMIN_DSN)
    try:
        for name in names:
            await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    return {name: ADMIN_DSN.rsplit("/", 1)[0] + f"/{name}" for name in names}


async def drop_databases(names: list[str]) -> None:
    conn = await asyncpg.connect(ADMIN_DSN)
    try:
        for name in names:
            await db.drop_database(conn, name)
    finally:
        await conn.close()


def dekat_env(service: str, dsn: str, namespace: str, port: int) -> dict[str, str]:
    return {
        "DEKAT_DATABASE_URL": dsn,
        "DEKAT_HTTP_PORT": str(port),
        **acls.demo_env(KAFKA, service, ROOT),
        "DEKAT_NAMESPACE": namespace,
        "DEKAT_PUBLIC_URL": f"http://127.0.0.1:{PORT_BASE + 1}",
        "DEKAT_NOTIFY_URL": f"http://127.0.0.1:{PORT_BASE + 3}",
        "DEKAT_SMTP_PORT": str(SMTP_PORT),
        "DEKAT_QUIET_HOURS": "",  # the bench runs at any hour; held mail would measure the night
        "DEKAT_RATE_LIMIT_EXEMPT": "127.0.0.0/8",  # every request comes from one address, wrk's
    }


DEKAT_GROUPS = {
    "routing.submitted": topics.REQUESTS_SUBMITTED,
    "notify.contact": topics.CITIZENS_CONTACT,
    "notify.assigned": topics.REQUESTS_ASSIGNED,
    "intake.assigned": topics.REQUESTS_ASSIGNED,
}
"""The groups a submission flows through (the others see nothing in this benchmark)."""


def instance_ports(service: str, offset: int, count: int) -> list[int]:
    """intake 28001, routing 28002 and 28012, notify 28003 and 28013, ..."""
    return [PORT_BASE + offset + 10 * i for i in range(count)]


@contextlib.asynccontextmanager
async def dekat(shape: Shape, logs: Path) -> AsyncIterator[Stack]:
    namespace = f"bench-{uuid.uuid4().hex[:6]}."
    await grants.open_namespace(KAFKA, namespace)
    names = {s: f"bench_{namespace[6:-1]}_{s}" for s in ("intake", "routing", "notify")}
    dsns = await create_databases(list(names.values()))
    stack = Stack(
        "dekat",
        f"http://127.0.0.1:{PORT_BASE + 1}",
        namespace,
        dsns,
        dsns[names["intake"]],
        {namespace + g: [namespace + t] for g, t in DEKAT_GROUPS.items()},
    )
    counts = {"intake": 1, "routing": shape.routing, "notify": shape.notify}
    try:
        for offset, service in enumerate(("intake", "routing", "notify"), start=1):
            for i, port in enumerate(instance_ports(service, offset, counts[service])):
                env = dekat_env(service, dsns[names[service]], namespace, port) | source_env(shape.source)
                env["DEKAT_HTTP_WORKERS"] = str(shape.intake_workers)
                argv = [sys.executable, "-m", service]
                process = await spawn(f"{service}-{i}", argv, env, logs, shape.source or ROOT)
                stack.processes.setdefault(service, []).append(process)
                await wait_ready(f"http://127.0.0.1:{port}", process)
        yield stack
    finally:
        await stop(stack)
        await drop_databases(list(names.values()))
        await grants.close_namespace(KAFKA, namespace)


@contextlib.asynccontextmanager
async def bare_pipeline(logs: Path) -> AsyncIterator[Stack]:
    namespace = f"bare-{uuid.uuid4().hex[:6]}."
    name = f"bench_{namespace[5:-1]}_bare"
    dsns = await create_databases([name])
    conn = await asyncpg.connect(dsns[name])
    await conn.execute((ROOT / "bench/bare/schema.sql").read_text())
    await conn.close()
    agency = bare.AGENCY.format(code="bare")
    await topic_admin.ensure_topics(KAFKA, [namespace + t for t in (bare.SUBMITTED, bare.CONTACT, agency)])
    port = PORT_BASE + 101
    stack = Stack(
        "bare",
        f"http://127.0.0.1:{port}",
        namespace,
        dsns,
        dsns[name],
        {namespace + "route": [namespace + bare.SUBMITTED], namespace + "notify": [namespace + bare.CONTACT]},
    )
    env = {
        "BARE_DATABASE_URL": dsns[name],
        **{name.replace("DEKAT_", "BARE_"): value for name, value in KAFKA.env(ROOT).items()},
        "BARE_NAMESPACE": namespace,
        "BARE_HTTP_PORT": str(port),
        "BARE_SMTP_PORT": str(SMTP_PORT),
    }
    try:
        for part in ("api", "route", "notify"):
            process = await spawn(f"bare-{part}", [sys.executable, "-m", "bench.bare", part], env, logs)
            stack.processes[f"bare {part}"] = [process]
        await wait_ready(stack.url, stack.processes["bare api"][0])
        yield stack
    finally:
        await stop(stack)
        await drop_databases([name])
        await topic_admin.delete_topics(KAFKA, namespace)


@contextlib.asynccontextmanager
async def smtp_sink(maildir: Path, logs: Path) -> AsyncIterator[asyncio.subprocess.Process]:
    """The project's SMTP sink on the bench's own port, writing to `maildir` (best on tmpfs)."""
    argv = [sys.executable, "deploy/local/smtp_sink.py", "--port", str(SMTP_PORT), "--maildir", str(maildir)]
    process = await spawn("smtp-sink", argv, {}, logs)
    try:
        for _ in range(100):
            with contextlib.suppress(OSError):
                _, writer = await asyncio.open_connection("127.0.0.1", SMTP_PORT)
                writer.close()
                break
            await asyncio.sleep(0.1)
        yield process
    finally:
        await terminate([process])


async def terminate(processes: list[asyncio.subprocess.Process]) -> None:
    for process in processes:
        if process.returncode is None:
            process.terminate()
    for process in processes:
        try:
            await asyncio.wait_for(process.wait(), 20)
        except TimeoutError:
            process.kill()
            await process.wait()


async def stop(stack: Stack) -> None:
    await terminate([p for ps in stack.processes.values() for p in ps])
