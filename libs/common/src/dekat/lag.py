"""Consumer lag: how many messages each of a service's consumer groups has still to commit.

Measured from outside the consumers (FastStream's middleware has no lag metric): one admin
client reads the groups' committed offsets, one group-less consumer reads the partitions' first
and end offsets. Two small requests per group and tick, so it is cheap to run every few seconds.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
from dataclasses import dataclass

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient
from prometheus_client import Gauge

from dekat.clients import Kafka

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PartitionLag:
    group: str
    topic: str
    partition: int
    lag: int


def behind(end: int, committed: int | None, beginning: int) -> int:
    """Messages the group has still to consume; one that never committed reads from the beginning."""
    start = committed if committed is not None and committed >= 0 else beginning
    return max(end - start, 0)


def resolved(groups: dict[str, list[str]], existing: list[str]) -> dict[str, list[str]]:
    """Each group's topics, with every `^pattern$` replaced by the existing topics it matches."""

    def names(entry: str) -> list[str]:
        if not entry.startswith("^"):
            return [entry]
        return sorted(t for t in existing if re.fullmatch(entry, t))

    return {group: [n for entry in entries for n in names(entry)] for group, entries in groups.items()}


class Probe:
    """Reads offsets for `groups` (group id → the topics it consumes, or `^regex$` patterns of
    them); keeps its clients open."""

    def __init__(self, kafka: Kafka, groups: dict[str, list[str]]) -> None:
        self._groups = groups
        self._admin = AIOKafkaAdminClient(**kafka.aiokafka(), request_timeout_ms=10_000)
        self._offsets = AIOKafkaConsumer(**kafka.aiokafka(), enable_auto_commit=False)

    async def start(self) -> None:
        await self._admin.start()
        await self._offsets.start()

    async def stop(self) -> None:
        with contextlib.suppress(Exception):
            await self._offsets.stop()
        with contextlib.suppress(Exception):
            await self._admin.close()

    async def measure(self) -> list[PartitionLag]:
        patterns = any(t.startswith("^") for ts in self._groups.values() for t in ts)
        existing = await self._admin.list_topics() if patterns else []  # every topic's metadata
        groups = resolved(self._groups, existing)
        partitions = await self._partitions(sorted({t for ts in groups.values() for t in ts}))
        beginning = await self._offsets.beginning_offsets(partitions)
        end = await self._offsets.end_offsets(partitions)
        lags = []
        for group, group_topics in groups.items():
            committed = await self._admin.list_consumer_group_offsets(group)
            for tp in (tp for tp in partitions if tp.topic in group_topics):
                offset = committed[tp].offset if tp in committed else None
                lags.append(
                    PartitionLag(group, tp.topic, tp.partition, behind(end[tp], offset, beginning[tp]))
                )
        return lags

    async def _partitions(self, names: list[str]) -> list[TopicPartition]:
        described = await self._admin.describe_topics(names)
        return [
            TopicPartition(t["topic"], p["partition"])
            for t in described
            if t["error_code"] == 0
            for p in t["partitions"]
        ]


async def watch(kafka: Kafka, groups: dict[str, list[str]], gauge: Gauge, every: float = 5.0) -> None:
    """Forever: set `gauge{group,topic,partition}` from a fresh measurement every `every` seconds."""
    while groups:
        probe = Probe(kafka, groups)
        try:
            await probe.start()
            while True:
                for p in await probe.measure():
                    gauge.labels(p.group, p.topic, str(p.partition)).set(p.lag)
                await asyncio.sleep(every)
        except Exception as error:  # Kafka away for a moment: the gauge keeps its last values
            log.warning("consumer lag not measured, reconnecting: %r", error)
        finally:
            await probe.stop()
        await asyncio.sleep(every)
