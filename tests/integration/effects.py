"""A test consumer whose only effect is a row per handled event, so duplicates and losses show."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable

import asyncpg
from aiokafka import AIOKafkaProducer
from dekat import db, metrics, outbox, subscriptions
from dekat.clients import Kafka
from dekat.db import Connection
from dekat.events import Envelope
from dekat.subscriptions import Subscription
from faststream.kafka import KafkaBroker
from faststream.middlewares import AckPolicy

SCHEMA = "CREATE TABLE IF NOT EXISTS effects (event_id uuid NOT NULL, n integer NOT NULL)"


async def record_effect(conn: Connection, event: Envelope) -> None:
    await conn.execute("INSERT INTO effects (event_id, n) VALUES ($1, $2)", event.id, event.data["n"])


async def effects(dsn: str) -> list[int]:
    conn = await asyncpg.connect(dsn)
    try:
        await conn.execute(SCHEMA)
        return [r["n"] for r in await conn.fetch("SELECT n FROM effects ORDER BY n")]
    finally:
        await conn.close()


async def produce(kafka: Kafka, topic: str, values: list[bytes], key: bytes = b"one-key") -> None:
    producer = AIOKafkaProducer(**kafka.aiokafka(), enable_idempotence=True)
    await producer.start()
    try:
        for value in values:
            await producer.send_and_wait(topic, value, key=key)
    finally:
        await producer.stop()


@contextlib.asynccontextmanager
async def consuming(
    dsn: str,
    kafka: Kafka,
    topic: str,
    handler: Callable[[Connection, Envelope], Awaitable[None]] = record_effect,
    *,
    ack_policy: AckPolicy = AckPolicy.NACK_ON_ERROR,
    namespace: str = "",
) -> AsyncIterator[metrics.Metrics]:
    """Run Dekat's consumer (and outbox relay, for the DLQ) on `topic` until the block ends."""
    await effects(dsn)
    measured = metrics.create("tests")
    broker = KafkaBroker(
        kafka.bootstrap, security=kafka.security(), enable_idempotence=True, allow_auto_create_topics=False
    )
    pool = await db.create_pool(dsn)
    subscription = Subscription(topic, f"group-{topic}", {"test.note": handler})
    subscriptions.subscribe(
        broker, subscription, pool=lambda: pool, metrics=measured, ack_policy=ack_policy, namespace=namespace
    )
    await broker.start()
    relay = outbox.Relay(dsn, outbox.kafka_send(broker, namespace), poll_seconds=0.2)
    relay_task = asyncio.create_task(relay.run())
    try:
        yield measured
    finally:
        relay_task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await relay_task
        await broker.stop()
        await pool.close()


async def until_effects(dsn: str, count: int, timeout: float = 60.0) -> list[int]:
    async with asyncio.timeout(timeout):
        while len(found := await effects(dsn)) < count:
            await asyncio.sleep(0.2)
    return found
