"""A batch of records as Kafka hands it over: each partition in order, the partitions side by side.

Each record still gets its own transaction, inbox row, retries and DLQ (`subscriptions.process`);
what the batch saves is per-message overhead: one offset commit per batch instead of one per
message, and one pass through FastStream's middlewares. A record that fails for good makes the
whole batch fail once every partition has finished: its offsets are not committed, Kafka
delivers the batch again, and the inbox turns what was already done into duplicates.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

Process = Callable[[Any], Awaitable[None]]

MAX_RECORDS = 200
PARTITIONS_AT_ONCE = 3
"""Partitions handled side by side: each holds a pooled connection, which HTTP needs too."""
WAIT_MS = 20
"""How long an idle consumer waits for a first record before polling again."""


def by_partition(records: Sequence[Any]) -> list[list[Any]]:
    """The records of each partition, in offset order (one request's events share a partition)."""
    partitions: dict[tuple[str, int], list[Any]] = {}
    for record in records:
        partitions.setdefault((record.topic, record.partition), []).append(record)
    return list(partitions.values())


async def process_batch(records: Sequence[Any], process: Process) -> None:
    room = asyncio.Semaphore(PARTITIONS_AT_ONCE)

    async def in_order(partition: list[Any]) -> None:
        async with room:
            for record in partition:
                await process(record)

    outcomes = await asyncio.gather(*(in_order(p) for p in by_partition(records)), return_exceptions=True)
    for outcome in outcomes:
        if isinstance(outcome, BaseException):
            raise outcome
