"""A poison message is parked on `<topic>.dlq` and the partition keeps flowing (invariant 4)."""

from __future__ import annotations

import asyncio
import json
import uuid

from dekat import topic_admin
from dekat.clients import Kafka

from tests.builders import event
from tests.integration.effects import consuming, produce, until_effects
from tests.kafka_reader import read_all


async def test_poison_messages_go_to_the_dlq_and_the_partition_keeps_flowing(
    database: str, kafka: Kafka, topic: str
) -> None:
    future_version = event(n=98).model_copy(update={"version": 99})
    await produce(
        kafka,
        topic,
        [event(n=1).to_bytes(), b"{not json", future_version.to_bytes(), event(n=2).to_bytes()],
    )

    async with consuming(database, kafka, topic) as measured:
        processed = await until_effects(database, 2)
        async with asyncio.timeout(30):
            while len(parked := await read_all(kafka, f"{topic}.dlq")) < 2:
                await asyncio.sleep(0.2)

    assert processed == [1, 2]
    assert [p.value for p in parked] == [b"{not json", future_version.to_bytes()]
    assert [p.headers["x-orig-topic"] for p in parked] == [topic, topic]
    assert [int(p.headers["x-orig-offset"]) for p in parked] == [1, 2]
    assert "version 99" in parked[1].headers["x-error"]
    assert measured.registry.get_sample_value("dekat_dlq_messages_total", {"topic": topic}) == 2
    assert json.loads(parked[1].value)["id"] == str(future_version.id)


async def test_a_namespaced_consumer_parks_on_its_own_namespaces_dlq(database: str, kafka: Kafka) -> None:
    namespace, base = f"ns-{uuid.uuid4().hex[:8]}.", f"test.{uuid.uuid4().hex[:8]}.v1"
    await topic_admin.ensure_topics(kafka, [namespace + base, namespace + base + ".dlq"])
    await produce(kafka, namespace + base, [b"poison", event(n=1).to_bytes()])

    async with consuming(database, kafka, base, namespace=namespace):
        await until_effects(database, 1)
        async with asyncio.timeout(30):
            while not (parked := await read_all(kafka, namespace + base + ".dlq")):
                await asyncio.sleep(0.2)

    assert [p.value for p in parked] == [b"poison"]
    assert parked[0].headers["x-orig-topic"] == base
    await topic_admin.delete_topics(kafka, namespace)
