"""Watching a request arrive where it goes: its work item on the agency topic, its email, the lag.

Every request's body names its citizen `bench-<sent µs>-<thread>-<n>` and carries
`bench <sent µs> t<thread> n<n>` in its description (see load.lua), so each sighting carries the
moment its request was sent: no clock but the machine's, no join with the systems' own tables.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from aiokafka import AIOKafkaConsumer
from dekat.clients import Kafka
from dekat.lag import Probe

DESCRIPTION = re.compile(r"bench (\d+) t(\d+) n(\d+)")
RECIPIENT = re.compile(rb"X-Dekat-Rcpt-To: bench-(\d+)-(\d+)-(\d+)@")

Sighting = tuple[int, float]
"""(sent at, µs since the epoch; seen at, seconds since the epoch)."""


def sighting_key(sent: bytes | str, thread: bytes | str, n: bytes | str) -> str:
    """Unique across runs against one stack: every run counts its requests from 1 again."""
    return f"{int(sent)}-{int(thread)}-{int(n)}"


@dataclass
class WorkItems:
    """Reads every agency topic of a stack from the beginning with a plain consumer."""

    kafka: Kafka
    pattern: str
    """The topics to read (`Stack.agency_topics`)."""
    seen: dict[str, Sighting] = field(default_factory=dict)

    async def run(self) -> None:
        consumer = AIOKafkaConsumer(
            **self.kafka.aiokafka(), enable_auto_commit=False, auto_offset_reset="earliest"
        )
        consumer.subscribe(pattern=self.pattern)  # no group: every partition, nothing committed
        await consumer.start()
        try:
            while True:
                for records in (await consumer.getmany(timeout_ms=500, max_records=2000)).values():
                    for record in records:
                        self.add(record.value, record.timestamp / 1000)
        finally:
            await consumer.stop()

    def add(self, value: bytes, at: float) -> None:
        with contextlib.suppress(ValueError, KeyError, TypeError):
            found = DESCRIPTION.search(json.loads(value)["data"]["description"])
            if found:
                key = sighting_key(found[1], found[2], found[3])
                self.seen.setdefault(key, (int(found[1]), at))


@dataclass
class Mail:
    """The first email each request's citizen got, from the SMTP sink's files (named by arrival)."""

    maildir: Path
    seen: dict[str, Sighting] = field(default_factory=dict)
    files: int = 0
    _read: set[str] = field(default_factory=set)

    def poll(self) -> None:
        for name in sorted(set(os.listdir(self.maildir)) - self._read):
            if name.startswith("."):
                continue  # still being written
            self._read.add(name)
            self.files += 1
            arrived = int(name.split("-")[0]) / 1e9
            with contextlib.suppress(OSError):
                head = (self.maildir / name).read_bytes()[:600]
                if found := RECIPIENT.search(head):
                    self.seen.setdefault(sighting_key(found[1], found[2], found[3]), (int(found[1]), arrived))

    def clear(self) -> None:
        for name in self._read:
            with contextlib.suppress(OSError):
                (self.maildir / name).unlink()


class Lag:
    """Total lag over the stack's consumer groups, sampled into `samples` as (time, lag)."""

    def __init__(self, kafka: Kafka, groups: dict[str, list[str]]) -> None:
        self.probe = Probe(kafka, groups)
        self.samples: list[tuple[float, int]] = []

    async def measure(self) -> int:
        return sum(p.lag for p in await self.probe.measure())

    async def run(self, every: float = 2.0) -> None:
        await self.probe.start()
        try:
            while True:
                with contextlib.suppress(Exception):
                    self.samples.append((time.time(), await self.measure()))
                await asyncio.sleep(every)
        finally:
            await self.probe.stop()
