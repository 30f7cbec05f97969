"""Redelivery is normal; effects still happen once per event id (invariant 2)."""

from __future__ import annotations

import asyncio

from dekat.clients import Kafka

from tests.builders import event
from tests.integration.effects import consuming, effects, produce, until_effects


async def test_a_redelivered_event_changes_nothing(database: str, kafka: Kafka, topic: str) -> None:
    first, second = event(n=1), event(n=2)
    await produce(kafka, topic, [first.to_bytes(), first.to_bytes(), second.to_bytes()])

    async with consuming(database, kafka, topic) as measured:
        await until_effects(database, 2)
        await asyncio.sleep(1)  # give a wrongly applied duplicate the time to show

    assert await effects(database) == [1, 2]
    duplicates = measured.registry.get_sample_value(
        "dekat_inbox_duplicates_total", {"consumer": f"group-{topic}"}
    )
    assert duplicates == 1
