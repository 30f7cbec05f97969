"""The outbox publishes every committed row exactly once, in order per key (invariant 3)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable

import pytest
from dekat import db, outbox
from dekat.clients import Kafka
from faststream.kafka import KafkaBroker

from tests.builders import event
from tests.kafka_reader import Record, read_all

KEYS = [f"request-{i}" for i in range(8)]


@pytest.fixture
async def broker(kafka: Kafka) -> AsyncIterator[KafkaBroker]:
    b = KafkaBroker(kafka.bootstrap, security=kafka.security(), enable_idempotence=True)
    await b.connect()
    yield b
    await b.stop()


async def enqueue_events(dsn: str, topic: str, count: int) -> list[tuple[str, str]]:
    """`count` events over a few keys, five per transaction; returns (key, event id) in order."""
    pool = await db.create_pool(dsn)
    written: list[tuple[str, str]] = []
    async with pool.acquire() as conn:
        for start in range(0, count, 5):
            async with conn.transaction():
                for n in range(start, min(start + 5, count)):
                    e = event(subject=KEYS[n % len(KEYS)], n=n)
                    await outbox.enqueue(conn, topic, e)
                    written.append((e.subject, str(e.id)))
    await pool.close()
    return written


async def pending(dsn: str) -> int:
    pool = await db.create_pool(dsn)
    async with pool.acquire() as conn:
        count, _ = await outbox.pending_stats(conn)
    await pool.close()
    return count


async def until(predicate: Callable[[], object], timeout: float = 30.0) -> None:
    async with asyncio.timeout(timeout):
        while not await predicate():  # type: ignore[misc]
            await asyncio.sleep(0.1)


def start_relay(dsn: str, broker: KafkaBroker) -> tuple[outbox.Relay, asyncio.Task[None]]:
    relay = outbox.Relay(dsn, outbox.kafka_send(broker), poll_seconds=0.2, batch_size=50)
    return relay, asyncio.create_task(relay.run())


async def stop(task: asyncio.Task[None]) -> None:
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task


def published(records: list[Record]) -> list[tuple[str, str]]:
    return [(r.key.decode() if r.key else "", json.loads(r.value)["id"]) for r in records]


def per_key(pairs: list[tuple[str, str]]) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for key, event_id in pairs:
        grouped.setdefault(key, []).append(event_id)
    return grouped


async def drained(dsn: str) -> bool:
    return await pending(dsn) == 0


async def test_every_committed_row_is_published_once_in_order_per_key(
    database: str, topic: str, kafka: Kafka, broker: KafkaBroker
) -> None:
    written = await enqueue_events(database, topic, 120)
    _, task = start_relay(database, broker)
    await until(lambda: drained(database))
    await stop(task)

    on_kafka = published(await read_all(kafka, topic))
    assert sorted(on_kafka) == sorted(written)
    assert per_key(on_kafka) == per_key(written)


async def test_a_rolled_back_transaction_publishes_nothing(
    database: str, topic: str, kafka: Kafka, broker: KafkaBroker
) -> None:
    pool = await db.create_pool(database)
    async with pool.acquire() as conn:
        transaction = conn.transaction()
        await transaction.start()
        await outbox.enqueue(conn, topic, event())
        await transaction.rollback()
    await pool.close()
    written = await enqueue_events(database, topic, 3)
    _, task = start_relay(database, broker)
    await until(lambda: drained(database))
    await stop(task)

    assert sorted(published(await read_all(kafka, topic))) == sorted(written)


async def test_a_restarted_relay_publishes_the_rest_and_nothing_twice(
    database: str, topic: str, kafka: Kafka, broker: KafkaBroker
) -> None:
    first = await enqueue_events(database, topic, 40)
    _, task = start_relay(database, broker)
    await until(lambda: drained(database))
    await stop(task)
    second = await enqueue_events(database, topic, 40)
    assert await pending(database) == 40

    _, task = start_relay(database, broker)
    await until(lambda: drained(database))
    await stop(task)

    on_kafka = published(await read_all(kafka, topic))
    assert sorted(on_kafka) == sorted(first + second)
    assert per_key(on_kafka) == per_key(first + second)


async def test_two_relays_started_together_publish_each_row_once(
    database: str, topic: str, kafka: Kafka, broker: KafkaBroker
) -> None:
    one, task_one = start_relay(database, broker)
    two, task_two = start_relay(database, broker)
    written = await enqueue_events(database, topic, 100)
    await until(lambda: drained(database))

    assert [one.active, two.active].count(True) == 1
    await stop(task_one)
    await stop(task_two)
    on_kafka = published(await read_all(kafka, topic))
    assert sorted(on_kafka) == sorted(written)
    assert per_key(on_kafka) == per_key(written)


async def test_the_standby_relay_takes_over_when_the_active_one_stops(
    database: str, topic: str, kafka: Kafka, broker: KafkaBroker
) -> None:
    one, task_one = start_relay(database, broker)
    await until(lambda: asyncio.sleep(0, result=one.active))
    two, task_two = start_relay(database, broker)
    await stop(task_one)
    written = await enqueue_events(database, topic, 20)
    await until(lambda: drained(database))

    assert two.active
    await stop(task_two)
    assert sorted(published(await read_all(kafka, topic))) == sorted(written)
