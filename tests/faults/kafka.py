"""What the suite does on its own broker with plain Kafka clients: poison on every consumed topic,
every consumer group reset to the earliest offset, and the groups' lag."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient
from dekat import topics
from dekat.clients import Kafka

from tests.kafka_reader import read_all

CONSUMED: dict[str, tuple[str, ...]] = {
    topics.REQUESTS_SUBMITTED: ("routing.submitted",),
    topics.REQUESTS_FEEDBACK: ("routing.feedback",),
    topics.REQUESTS_ASSIGNED: ("intake.assigned", "notify.assigned"),
    topics.REQUESTS_STATUS: ("intake.status", "notify.status"),
    topics.NETWORK_AREAS: ("intake.areas",),
    topics.CITIZENS_CONTACT: ("notify.contact",),
}
"""Every topic a service consumes, and the groups that read it; and every agency's responses
(`agency.<code>.responses.v1`), which routing reads in `routing.responses`."""
RESPONSES = re.compile(r"^agency\.[a-z0-9-]+\.responses\.v1$")


async def consumed(kafka: Kafka) -> dict[str, tuple[str, ...]]:
    """`CONSUMED`, with the response topic of every agency on the broker."""
    admin = AIOKafkaAdminClient(**kafka.aiokafka(), request_timeout_ms=10_000)
    await admin.start()
    try:
        agencies = sorted(t for t in await admin.list_topics() if RESPONSES.match(t))
    finally:
        await admin.close()
    return {**CONSUMED, **dict.fromkeys(agencies, ("routing.responses",))}


KNOWN_TYPE = {
    topics.REQUESTS_SUBMITTED: "request.submitted",
    topics.REQUESTS_FEEDBACK: "request.feedback",
    topics.REQUESTS_ASSIGNED: "request.assigned",
    topics.REQUESTS_STATUS: "request.status_changed",
    topics.NETWORK_AREAS: "network.area",
    topics.CITIZENS_CONTACT: "citizen.contact",
}


def envelope(type_: str, version: int) -> bytes:
    event_id = str(uuid.uuid4())
    return (
        f'{{"id": "{event_id}", "type": "{type_}", "version": {version}, "source": "faults",'
        f' "time": "{datetime.now(UTC).isoformat()}", "subject": "{uuid.uuid4()}",'
        f' "correlation_id": "{event_id}", "data": {{}}}}'
    ).encode()


def poison_for(topic: str) -> dict[str, bytes]:
    """Key → value: bytes that are no event, a version of a known type nobody supports yet,
    and a type nobody consumes there."""
    known = KNOWN_TYPE.get(topic, "agency.response")
    return {
        "garbage": b"\xff\xfe not an event {",
        "unknown-version": envelope(known, 2),
        "unknown-type": envelope("something.new", 1),
    }


async def inject_poison(kafka: Kafka, run: str, into: list[str]) -> dict[str, set[str]]:
    """Every poison on every topic of `into`; the keys sent to each topic."""
    producer = AIOKafkaProducer(**kafka.aiokafka(), enable_idempotence=True)
    await producer.start()
    sent: dict[str, set[str]] = {}
    try:
        for topic in into:
            for kind, value in poison_for(topic).items():
                key = f"poison-{run}-{kind}"
                await producer.send_and_wait(topic, value, key=key.encode())
                sent.setdefault(topic, set()).add(key)
    finally:
        await producer.stop()
    return sent


async def parked(kafka: Kafka, poisoned: list[str]) -> dict[tuple[str, str], set[str]]:
    """(original topic, group) → the keys parked on the topic's DLQ by that group."""
    found: dict[tuple[str, str], set[str]] = {}
    for topic in poisoned:
        for record in await read_all(kafka, topics.dlq(topic)):
            group = record.headers.get("x-consumer-group", "")
            found.setdefault((topic, group), set()).add((record.key or b"").decode())
    return found


async def groups_and_partitions(kafka: Kafka) -> dict[str, list[TopicPartition]]:
    """Every consumer group on the broker, with the partitions it has committed offsets for."""
    admin = AIOKafkaAdminClient(**kafka.aiokafka(), request_timeout_ms=10_000)
    await admin.start()
    try:
        groups = [g[0] for g in await admin.list_consumer_groups()]
        return {g: list(await admin.list_consumer_group_offsets(g)) for g in groups}
    finally:
        await admin.close()


async def reset_to_earliest(kafka: Kafka) -> dict[str, int]:
    """Every (empty) group's offsets back to the beginning of its partitions: a full replay.
    Returns how many messages each group will read again. A group that has committed nothing yet
    (a projection group whose topic was still empty) has nothing to reset: with no committed
    offset it starts at the earliest anyway (`auto_offset_reset`)."""
    again: dict[str, int] = {}
    for group, partitions in (await groups_and_partitions(kafka)).items():
        if not partitions:
            again[group] = 0
            continue
        consumer = AIOKafkaConsumer(**kafka.aiokafka(), group_id=group, enable_auto_commit=False)
        await consumer.start()
        try:
            consumer.assign(partitions)
            beginning = await consumer.beginning_offsets(partitions)
            committed = {tp: await consumer.committed(tp) or 0 for tp in partitions}
            await consumer.commit(beginning)
            again[group] = sum(committed[tp] - beginning[tp] for tp in partitions)
        finally:
            await consumer.stop()
    return again


async def lag(kafka: Kafka) -> dict[str, int]:
    """Group → messages on its topics' partitions it has not committed yet (a partition it never
    committed counts from its beginning)."""
    lags: dict[str, int] = {}
    admin = AIOKafkaAdminClient(**kafka.aiokafka(), request_timeout_ms=10_000)
    consumer = AIOKafkaConsumer(**kafka.aiokafka(), enable_auto_commit=False)
    await admin.start()
    await consumer.start()
    try:
        for group in [g[0] for g in await admin.list_consumer_groups()]:
            committed = await admin.list_consumer_group_offsets(group)
            described = await admin.describe_topics(sorted({tp.topic for tp in committed}))
            every = [TopicPartition(t["topic"], p["partition"]) for t in described for p in t["partitions"]]
            ends, beginnings = await consumer.end_offsets(every), await consumer.beginning_offsets(every)
            start = {tp: committed[tp].offset if tp in committed else beginnings[tp] for tp in every}
            lags[group] = sum(max(ends[tp] - start[tp], 0) for tp in every)
    finally:
        await consumer.stop()
        await admin.close()
    return lags
