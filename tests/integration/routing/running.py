"""routing as real processes on a throwaway database and Kafka namespace, and how to talk to them."""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import asyncpg
import httpx
from aiokafka import AIOKafkaProducer
from dekat import db, topics
from dekat.events import Envelope, new_event
from dekat.payloads import SUBMITTED, RequestSubmitted

from tests import kafka_access
from tests.conftest import ADMIN_DSN, KAFKA
from tests.e2e.stack import wait_ready
from tests.kafka_reader import read_all

ROOT = Path(__file__).resolve().parents[3]
PORT_BASE = int(os.environ.get("DEKAT_E2E_PORT_BASE", "18000")) + 50
"""Clear of the ports tests/e2e/stack.py uses for the three-service stack."""
ADMIN_KEY = "test-admin-key"
MENTENG = (-6.1994, 106.8324)


def demo_key(agency: str) -> dict[str, str]:
    return {"X-API-Key": f"demo-{agency}-key"}


ADMIN = {"X-API-Key": ADMIN_KEY}


@dataclass
class Routing:
    namespace: str
    dsn: str
    tmp: Path
    processes: list[asyncio.subprocess.Process] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{PORT_BASE}"

    def client(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(base_url=self.url, timeout=10)

    async def start(self, index: int = 0, **settings: str) -> asyncio.subprocess.Process:
        """One more routing process: same database and consumer groups, its own port."""
        log = self.tmp / f"routing-{index}-{len(self.processes)}.log"
        env = {
            **os.environ,
            "DEKAT_DATABASE_URL": self.dsn,
            "DEKAT_HTTP_PORT": str(PORT_BASE + index),
            **kafka_access.service_env("routing"),
            "DEKAT_NAMESPACE": self.namespace,
            "DEKAT_OUTBOX_POLL_SECONDS": "0.3",
            "DEKAT_ADMIN_API_KEY": ADMIN_KEY,
            "DEKAT_CLOCK_ADJUSTABLE": "true",
            "DEKAT_DEADLINE_POLL_SECONDS": "0.3",
            **{f"DEKAT_{name.upper()}": value for name, value in settings.items()},
        }
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "routing",
            cwd=ROOT,
            env=env,
            stdout=log.open("wb"),
            stderr=asyncio.subprocess.STDOUT,
        )
        self.processes.append(process)
        await wait_ready(f"http://127.0.0.1:{PORT_BASE + index}", process, log)
        return process

    async def submit(
        self, service_code: str = "blocked-drain", at: tuple[float, float] | None = MENTENG, **extra: Any
    ) -> str:
        """Publish a submission as intake would; returns the request id."""
        request_id = str(uuid.uuid4())
        await self.produce(topics.REQUESTS_SUBMITTED, [submitted(request_id, service_code, at, **extra)])
        return request_id

    async def produce(self, topic: str, events: list[Envelope]) -> None:
        producer = AIOKafkaProducer(**KAFKA.aiokafka(), enable_idempotence=True)
        await producer.start()
        try:
            for event in events:
                await producer.send_and_wait(
                    self.namespace + topic, event.to_bytes(), key=event.subject.encode()
                )
        finally:
            await producer.stop()

    async def advance_clock(self, seconds: float) -> float:
        """Move routing's clock forward; returns its total offset from real time."""
        async with self.client() as client:
            response = await client.post("/v1/admin/clock", json={"advance_seconds": seconds}, headers=ADMIN)
        response.raise_for_status()
        offset: float = response.json()["offset_seconds"]
        return offset

    async def routing_of(self, request_id: str, timeout: float = 60) -> dict[str, Any]:
        async with self.client() as client, asyncio.timeout(timeout):
            while (response := await client.get(f"/v1/requests/{request_id}/routing")).status_code != 200:
                await asyncio.sleep(0.2)
        found: dict[str, Any] = response.json()
        return found

    async def events(self, topic: str, request_id: str) -> list[dict[str, Any]]:
        """Every event on `topic` about the request, in order."""
        records = await read_all(KAFKA, self.namespace + topic)
        return [
            Envelope.model_validate_json(r.value).model_dump(mode="json")
            for r in records
            if r.key == request_id.encode()
        ]

    async def statuses(self, request_id: str, count: int, timeout: float = 30) -> list[dict[str, Any]]:
        """The data of the first `count` status events about the request, once they are all out."""
        async with asyncio.timeout(timeout):
            while len(found := await self.events(topics.REQUESTS_STATUS, request_id)) < count:
                await asyncio.sleep(0.3)
        return [e["data"] for e in found]


def submitted(request_id: str, service_code: str, at: tuple[float, float] | None, **extra: Any) -> Envelope:
    lat, lon = at if at is not None else (None, None)
    data = RequestSubmitted(
        request_id=request_id,
        tracking_code=f"DK-{request_id[:4].upper()}-TEST",
        service_code=service_code,
        description="Saluran tersumbat, air meluap ke jalan",
        lat=lat,
        long=lon,
        channel="web",
        submitted_at=datetime.now(UTC),
        **extra,
    )
    return new_event(SUBMITTED, subject=request_id, data=data, source="tests")


@contextlib.asynccontextmanager
async def routing(tmp: Path, instances: int = 1) -> AsyncIterator[Routing]:
    admin = await asyncpg.connect(ADMIN_DSN)
    name = f"rt_{uuid.uuid4().hex[:10]}"
    await admin.execute(f'CREATE DATABASE "{name}"')
    running = Routing(f"rt-{uuid.uuid4().hex[:8]}.", ADMIN_DSN.rsplit("/", 1)[0] + f"/{name}", tmp)
    await kafka_access.open_namespace(running.namespace)
    try:
        for index in range(instances):
            await running.start(index)
        yield running
    finally:
        for process in running.processes:
            if process.returncode is None:
                process.terminate()
        for process in running.processes:
            await process.wait()
        await db.drop_database(admin, name)
        await admin.close()
        await kafka_access.close_namespace(running.namespace)
