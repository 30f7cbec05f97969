"""Replay parked messages: `python -m notify.replay <topic>.dlq [--all-groups]`.

Reads the DLQ from its beginning to its current end and puts each message notify parked back on
its original topic, through notify's outbox (so the running service's relay publishes it, once:
the outbox row's id comes from the DLQ record's position, so replaying twice adds nothing).
Run it after fixing whatever made the messages poison; one still poison is parked again.
"""

from __future__ import annotations

import argparse
import asyncio
import uuid
from dataclasses import dataclass
from typing import Any

import asyncpg
from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient
from dekat import db, outbox
from dekat.clients import Kafka

from notify.config import Settings
from notify.handlers import GROUP

ORIGIN_HEADERS = ("x-error", "x-orig-topic", "x-orig-partition", "x-orig-offset", "x-consumer-group")


@dataclass(frozen=True)
class Parked:
    partition: int
    offset: int
    key: bytes | None
    value: bytes
    headers: dict[str, str]


def replayable(p: Parked, *, namespace: str, all_groups: bool) -> bool:
    """notify's own parked messages (other groups replay theirs), with a known original topic."""
    group = p.headers.get("x-consumer-group", "")
    return "x-orig-topic" in p.headers and (all_groups or group.startswith(namespace + GROUP))


def original(p: Parked, *, dlq: str, namespace: str) -> tuple[str, dict[str, str], uuid.UUID]:
    """(topic without namespace, headers to send, outbox id) for one parked message."""
    topic = p.headers["x-orig-topic"].removeprefix(namespace)
    headers = {k: v for k, v in p.headers.items() if k not in ORIGIN_HEADERS}
    headers["x-replayed-from"] = f"{dlq}:{p.partition}:{p.offset}"
    return topic, headers, uuid.uuid5(uuid.NAMESPACE_URL, f"replay:{namespace}{dlq}:{p.partition}:{p.offset}")


def parked_of(partition: int, r: Any) -> Parked:
    headers = {k: v.decode(errors="replace") for k, v in r.headers}
    return Parked(partition, r.offset, r.key, r.value or b"", headers)


async def partition_ids(kafka: Kafka, topic: str) -> list[int]:
    admin = AIOKafkaAdminClient(**kafka.aiokafka())
    await admin.start()
    try:
        (described,) = await admin.describe_topics([topic])
        return sorted(p["partition"] for p in described["partitions"])
    finally:
        await admin.close()


async def read_dlq(kafka: Kafka, topic: str) -> list[Parked]:
    partitions = [TopicPartition(topic, p) for p in await partition_ids(kafka, topic)]
    consumer = AIOKafkaConsumer(**kafka.aiokafka(), enable_auto_commit=False)
    await consumer.start()
    try:
        consumer.assign(partitions)
        await consumer.seek_to_beginning(*partitions)
        ends = await consumer.end_offsets(partitions)
        parked: list[Parked] = []
        while [tp for tp, end in ends.items() if await consumer.position(tp) < end]:
            for tp, records in (await consumer.getmany(timeout_ms=1000)).items():
                parked.extend(parked_of(tp.partition, r) for r in records if r.offset < ends[tp])
        return parked
    finally:
        await consumer.stop()


async def replay(settings: Settings, dlq: str, *, all_groups: bool = False) -> int:
    """Enqueue every replayable message of `dlq`; returns how many were enqueued now."""
    namespace = settings.namespace
    parked = [
        p
        for p in await read_dlq(Kafka.of(settings), namespace + dlq)
        if replayable(p, namespace=namespace, all_groups=all_groups)
    ]
    conn = await asyncpg.connect(settings.database_url)
    enqueued = 0
    try:
        await db.init_connection(conn)
        for p in parked:
            topic, headers, event_id = original(p, dlq=dlq, namespace=namespace)
            before = await conn.fetchval("SELECT count(*) FROM outbox WHERE event_id = $1", event_id)
            await outbox.enqueue_raw(conn, topic, p.key, p.value, headers, event_id=event_id)
            enqueued += 0 if before else 1
    finally:
        await conn.close()
    return enqueued


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m notify.replay", description=__doc__)
    parser.add_argument("dlq", help="the DLQ topic, e.g. requests.status.v1.dlq (without namespace)")
    parser.add_argument("--all-groups", action="store_true", help="also messages other services parked")
    args = parser.parse_args()
    if not args.dlq.endswith(".dlq"):
        parser.error("the topic to replay from is a DLQ: <topic>.dlq")
    count = asyncio.run(replay(Settings(), args.dlq, all_groups=args.all_groups))
    print(f"[replay] {count} message(s) from {args.dlq} queued for their original topic")


if __name__ == "__main__":
    main()
