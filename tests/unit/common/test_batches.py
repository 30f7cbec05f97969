"""A batch: each partition in order, partitions side by side, a failure only after all are done."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

import pytest
from dekat import batches


@dataclass(frozen=True)
class Record:
    topic: str
    partition: int
    offset: int


async def test_each_partition_is_handled_in_offset_order() -> None:
    records = [Record("t", p, o) for o in range(3) for p in (0, 1)]
    handled: list[Record] = []

    async def handle(record: Record) -> None:
        await asyncio.sleep(0.001 * (2 - record.offset))  # later offsets would finish first
        handled.append(record)

    await batches.process_batch(records, handle)

    for partition in (0, 1):
        assert [r.offset for r in handled if r.partition == partition] == [0, 1, 2]


async def test_a_failing_partition_fails_the_batch_once_the_others_are_done() -> None:
    records = [Record("t", 0, 0), Record("t", 1, 0), Record("t", 1, 1)]
    handled: list[Record] = []

    async def handle(record: Record) -> None:
        if record.partition == 0:
            raise RuntimeError("database away")
        await asyncio.sleep(0.01)
        handled.append(record)

    with pytest.raises(RuntimeError):
        await batches.process_batch(records, handle)
    assert handled == records[1:]
