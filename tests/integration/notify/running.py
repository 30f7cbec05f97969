"""notify as a real process beside the fake provider, on its own database and Kafka namespace.

Events are published on the real (namespaced) topics, as intake and routing would publish them.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import asyncpg
import httpx
from aiokafka import AIOKafkaProducer
from dekat import db
from dekat.events import Envelope

from tests import kafka_access
from tests.conftest import ADMIN_DSN, KAFKA

ROOT = Path(__file__).resolve().parents[3]
PORT_BASE = int(os.environ.get("DEKAT_E2E_PORT_BASE", "18000"))
NOTIFY_PORT = PORT_BASE + 40
PROVIDER_PORT = int(os.environ.get("DEKAT_E2E_PROVIDER_PORT", str(PORT_BASE + 41)))
"""The fake provider's port; its own setting, so parallel runs can keep theirs apart."""
SECRET = "test-callback-secret"
OPERATOR_KEY = "test-operator-key"
DAYTIME = "2030-01-10T10:00:00+07:00"
"""notify's clock starts here (and runs on): outside quiet hours, whenever the suite runs."""
T = TypeVar("T")


@dataclass
class Notify:
    url: str
    provider_url: str
    dsn: str
    namespace: str
    clock_file: Path
    log: Path
    env: dict[str, str]
    process: asyncio.subprocess.Process | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    async def start(self) -> None:
        self.process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "notify",
            cwd=ROOT,
            env=self.env,
            stdout=self.log.open("ab"),
            stderr=asyncio.subprocess.STDOUT,
        )
        await wait_until_ok(f"{self.url}/health/ready", self.process, self.log)

    async def kill(self) -> None:
        """SIGKILL: no shutdown, no last commit, as a crash or an OOM kill would leave it."""
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        await self.process.wait()

    async def stop(self) -> None:
        if self.process is not None and self.process.returncode is None:
            self.process.terminate()
            await self.process.wait()

    def set_clock(self, iso: str | None) -> None:
        if iso is None:
            self.clock_file.unlink(missing_ok=True)
        else:
            self.clock_file.write_text(iso)


async def wait_until_ok(url: str, process: asyncio.subprocess.Process | None, log: Path) -> None:
    async with httpx.AsyncClient() as client, asyncio.timeout(60):
        while True:
            if process is not None and process.returncode is not None:
                raise RuntimeError(f"{url} exited; see {log}")
            with contextlib.suppress(httpx.HTTPError):
                if (await client.get(url)).status_code == 200:
                    return
            await asyncio.sleep(0.2)


def environment(dsn: str, namespace: str, clock_file: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DEKAT_DATABASE_URL": dsn,
        "DEKAT_HTTP_PORT": str(NOTIFY_PORT),
        **kafka_access.service_env("notify"),
        "DEKAT_NAMESPACE": namespace,
        "DEKAT_NOTIFY_URL": f"http://127.0.0.1:{NOTIFY_PORT}",
        "DEKAT_SMS_PROVIDER_URL": f"http://127.0.0.1:{PROVIDER_PORT}",
        "DEKAT_WHATSAPP_PROVIDER_URL": f"http://127.0.0.1:{PROVIDER_PORT}",
        "DEKAT_CALLBACK_SECRET": SECRET,
        "DEKAT_OPERATOR_API_KEY": OPERATOR_KEY,
        "DEKAT_OUTBOX_POLL_SECONDS": "0.2",
        "DEKAT_DISPATCH_POLL_SECONDS": "0.2",
        "DEKAT_RETRY_FIRST_SECONDS": "0.3",
        "DEKAT_RETRY_MAX_SECONDS": "1",
        "DEKAT_MAX_ATTEMPTS": "30",
        "DEKAT_SEND_LEASE_SECONDS": "3",
        "DEKAT_CLOCK_FILE": str(clock_file),
    }


@contextlib.asynccontextmanager
async def provider_running(tmp: Path) -> AsyncIterator[str]:
    url = f"http://127.0.0.1:{PROVIDER_PORT}"
    log = tmp / "provider.log"
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        str(ROOT / "deploy/local/fake_provider.py"),
        "--port",
        str(PROVIDER_PORT),
        "--notify-url",
        f"http://127.0.0.1:{NOTIFY_PORT}",
        "--secret",
        SECRET,
        "--receipt-delay",
        "0.1",
        stdout=log.open("wb"),
        stderr=asyncio.subprocess.STDOUT,
    )
    try:
        await wait_until_ok(f"{url}/health", process, log)
        yield url
    finally:
        process.terminate()
        await process.wait()


@contextlib.asynccontextmanager
async def notify_running(tmp: Path) -> AsyncIterator[Notify]:
    admin = await asyncpg.connect(ADMIN_DSN)
    name = f"notify_{uuid.uuid4().hex[:10]}"
    await admin.execute(f'CREATE DATABASE "{name}"')
    dsn = ADMIN_DSN.rsplit("/", 1)[0] + f"/{name}"
    namespace = f"nt-{uuid.uuid4().hex[:8]}."
    clock_file = tmp / "clock"
    notify = Notify(
        url=f"http://127.0.0.1:{NOTIFY_PORT}",
        provider_url=f"http://127.0.0.1:{PROVIDER_PORT}",
        dsn=dsn,
        namespace=namespace,
        clock_file=clock_file,
        log=tmp / "notify.log",
        env=environment(dsn, namespace, clock_file),
    )
    notify.set_clock(None if os.environ.get("NOTIFY_REAL_CLOCK") else DAYTIME)
    await kafka_access.open_namespace(namespace)
    try:
        async with provider_running(tmp):
            await notify.start()
            try:
                yield notify
            finally:
                await notify.stop()
    finally:
        await db.drop_database(admin, name)
        await admin.close()
        await kafka_access.close_namespace(namespace)


async def publish(notify: Notify, topic: str, *events: Envelope) -> None:
    """On the real topic, keyed by request id, in this order: as the services' relays would."""
    producer = AIOKafkaProducer(**KAFKA.aiokafka(), enable_idempotence=True)
    await producer.start()
    try:
        for event in events:
            await producer.send_and_wait(
                notify.namespace + topic, event.to_bytes(), key=event.subject.encode()
            )
    finally:
        await producer.stop()


async def publish_raw(notify: Notify, topic: str, key: bytes, value: bytes) -> None:
    producer = AIOKafkaProducer(**KAFKA.aiokafka(), enable_idempotence=True)
    await producer.start()
    try:
        await producer.send_and_wait(notify.namespace + topic, value, key=key)
    finally:
        await producer.stop()


async def notifications(notify: Notify, request_id: str, **filters: str) -> list[dict[str, Any]]:
    """The notification log, as an operator reads it (with the operator key)."""
    async with httpx.AsyncClient(base_url=notify.url, headers={"X-API-Key": OPERATOR_KEY}) as client:
        response = await client.get("/v1/notifications", params={"request_id": request_id, **filters})
    assert response.status_code == 200, response.text
    found: list[dict[str, Any]] = response.json()
    return found


async def provider_messages(notify: Notify, to: str) -> list[dict[str, Any]]:
    async with httpx.AsyncClient(base_url=notify.provider_url) as client:
        found: list[dict[str, Any]] = (await client.get("/v1/messages", params={"to": to})).json()
    return found


async def provider_rule(notify: Notify, **rule: Any) -> None:
    async with httpx.AsyncClient(base_url=notify.provider_url) as client:
        (await client.post("/control", json=rule)).raise_for_status()


async def until(probe: Callable[[], Awaitable[T]], done: Callable[[T], bool], timeout: float = 30) -> T:
    """Probe until `done` holds; the last value seen (the assertion that follows says what was wrong)."""
    async with asyncio.timeout(timeout):
        while not done(value := await probe()):
            await asyncio.sleep(0.2)
    return value
