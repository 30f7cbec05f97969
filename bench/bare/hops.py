"""The two consuming hops: a batch at a time, inbox rows and effects in one transaction.

Outputs (work items, emails) go out before the transaction commits and offsets are committed
after it: a crash in between repeats the batch, which the inbox turns into no second effect
(and, like any at-least-once pipeline without an outbox, possibly a second message downstream).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any

import aiosmtplib
import asyncpg
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from dekat.db import Connection, Pool

from bench.bare import events
from bench.bare.config import AGENCY, CONTACT, SUBMITTED, Settings

Event = dict[str, Any]
Effect = Callable[[Connection, list[Event]], Awaitable[None]]

AGENCY_CODE = "bare"
"""The bare pipeline decides nothing: every request goes to one agency."""


@dataclass(frozen=True)
class Hop:
    name: str
    source: str
    effect: Effect


async def fresh(conn: Connection, consumer: str, batch: list[Event]) -> list[Event]:
    """The events of `batch` this consumer has not handled yet, now recorded as handled."""
    rows = await conn.fetch(
        "INSERT INTO inbox (consumer, event_id) SELECT $1, unnest($2::uuid[])"
        " ON CONFLICT DO NOTHING RETURNING event_id::text",
        consumer,
        [e["id"] for e in batch],
    )
    new = {r["event_id"] for r in rows}
    return [e for e in batch if e["id"] in new]


def route(producer: AIOKafkaProducer, settings: Settings) -> Effect:
    topic = settings.topic(AGENCY.format(code=AGENCY_CODE))

    async def effect(conn: Connection, batch: list[Event]) -> None:
        await conn.execute(
            "INSERT INTO assignments (request_id, agency_code) SELECT unnest($1::uuid[]), $2",
            [e["subject"] for e in batch],
            AGENCY_CODE,
        )
        sent = [await producer.send(topic, json.dumps(e).encode(), key=e["subject"].encode()) for e in batch]
        await asyncio.gather(*sent)

    return effect


def email(event: Event) -> EmailMessage:
    message = EmailMessage()
    message["From"] = "bare <no-reply@bare.local>"
    message["To"] = event["data"]["email"]
    message["Subject"] = "Permintaan Anda diterima"
    message.set_content(f"Request {event['subject']} received.")
    return message


def notify(smtp: aiosmtplib.SMTP) -> Effect:
    async def effect(conn: Connection, batch: list[Event]) -> None:
        await conn.execute(
            "INSERT INTO notifications (request_id, recipient) SELECT unnest($1::uuid[]), unnest($2::text[])",
            [e["subject"] for e in batch],
            [e["data"]["email"] for e in batch],
        )
        for event in batch:
            await smtp.send_message(email(event))

    return effect


async def consume(hop: Hop, settings: Settings, pool: Pool) -> None:
    consumer = AIOKafkaConsumer(
        hop.source,
        **settings.kafka().aiokafka(),
        group_id=settings.namespace + hop.name,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
    )
    await consumer.start()
    try:
        while True:
            found = await consumer.getmany(timeout_ms=200, max_records=settings.batch_size)
            batch = [events.parsed(r.value) for records in found.values() for r in records]
            if not batch:
                continue
            async with pool.acquire() as conn, conn.transaction():
                await hop.effect(conn, await fresh(conn, hop.name, batch))
            await consumer.commit()
    finally:
        await consumer.stop()


async def run(name: str, settings: Settings) -> None:
    pool = await asyncpg.create_pool(settings.database_url, min_size=1, max_size=2)
    producer = AIOKafkaProducer(**settings.kafka().aiokafka(), enable_idempotence=True)
    smtp = aiosmtplib.SMTP(hostname="127.0.0.1", port=settings.smtp_port)
    await producer.start()
    try:
        if name == "route":
            hop = Hop("route", settings.topic(SUBMITTED), route(producer, settings))
        else:
            await smtp.connect()
            hop = Hop("notify", settings.topic(CONTACT), notify(smtp))
        await consume(hop, settings, pool)
    finally:
        await producer.stop()
        await pool.close()
