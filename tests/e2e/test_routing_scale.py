"""Two routing processes in one consumer group share the partitions; one is killed (SIGKILL)
under load, and still every request is assigned exactly once."""

from __future__ import annotations

import asyncio
import signal
import uuid
from collections import defaultdict
from pathlib import Path

import asyncpg
import pytest
from aiokafka import AIOKafkaProducer
from dekat import topics
from dekat.events import Envelope

from tests.conftest import KAFKA
from tests.integration.routing.running import MENTENG, Routing, routing, submitted
from tests.kafka_reader import read_all

pytestmark = pytest.mark.e2e

REQUESTS = 1000
KILL_AFTER = 150
HANDLED_SUBMISSION = '"event_type": "request.submitted"'


async def assigned_count(dsn: str) -> int:
    conn = await asyncpg.connect(dsn)
    try:
        count: int = await conn.fetchval("SELECT count(*) FROM assignments")
        return count
    finally:
        await conn.close()


async def flood(service: Routing, ids: list[str]) -> None:
    producer = AIOKafkaProducer(**KAFKA.aiokafka(), enable_idempotence=True, linger_ms=5)
    await producer.start()
    try:
        sent = [
            await producer.send(
                service.namespace + topics.REQUESTS_SUBMITTED,
                submitted(request_id, "blocked-drain", MENTENG).to_bytes(),
                key=request_id.encode(),
            )
            for request_id in ids
        ]
        await asyncio.gather(*sent)
    finally:
        await producer.stop()


async def until_logged(log: Path, text: str, timeout: float = 60) -> None:
    """Until the process writing `log` has said `text` (it joined the group, it handled work)."""
    async with asyncio.timeout(timeout):
        while text not in await asyncio.to_thread(log.read_text):
            await asyncio.sleep(0.1)


async def until(dsn: str, count: int, timeout: float) -> None:
    async with asyncio.timeout(timeout):
        while await assigned_count(dsn) < count:
            await asyncio.sleep(0.1)


async def event_ids_per_request(service: Routing, topic: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for record in await read_all(KAFKA, service.namespace + topic):
        found[(record.key or b"").decode()].add(str(Envelope.model_validate_json(record.value).id))
    return found


async def test_with_one_of_two_instances_killed_under_load_every_request_is_assigned_exactly_once(
    tmp_path: Path,
) -> None:
    async with routing(tmp_path, instances=2) as service:
        victim_log = tmp_path / "routing-1-1.log"
        await until_logged(victim_log, f"{service.namespace}{topics.REQUESTS_SUBMITTED}', partition=")
        ids = [str(uuid.uuid4()) for _ in range(REQUESTS)]
        await flood(service, ids)
        await until(service.dsn, KILL_AFTER, timeout=60)
        await until_logged(victim_log, HANDLED_SUBMISSION)
        victim = service.processes[1]
        victim.send_signal(signal.SIGKILL)
        await victim.wait()
        assigned_before_the_kill = await assigned_count(service.dsn)

        await until(service.dsn, REQUESTS, timeout=120)
        async with asyncio.timeout(60):
            while len(assigned := await event_ids_per_request(service, topics.REQUESTS_ASSIGNED)) < REQUESTS:
                await asyncio.sleep(0.5)
        conn = await asyncpg.connect(service.dsn)
        try:
            decisions = await conn.fetch("SELECT request_id::text, count(*) AS n FROM decisions GROUP BY 1")
            assignments = await conn.fetchval("SELECT count(DISTINCT request_id) FROM assignments")
        finally:
            await conn.close()
        work_items = await event_ids_per_request(service, topics.agency("sudin-sda-jakpus"))
        work_items.update(await event_ids_per_request(service, topics.agency("dinas-sda")))

    assert victim.returncode == -signal.SIGKILL
    assert assigned_before_the_kill < REQUESTS, "the kill must land while work is still flowing"
    assert assignments == REQUESTS
    assert {r["request_id"]: r["n"] for r in decisions} == dict.fromkeys(ids, 1)
    assert {key: len(events) for key, events in assigned.items()} == dict.fromkeys(ids, 1)
    assert {key: len(events) for key, events in work_items.items()} == dict.fromkeys(ids, 1)
