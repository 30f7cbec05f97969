"""A consumer killed mid-stream loses nothing after restart (invariants 1 and 4).

The same scenario run with FastStream's Kafka default, `ACK_FIRST`, loses the event that was
in flight: that is why every Dekat subscriber commits only after its work.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from dekat.clients import Kafka
from faststream.middlewares import AckPolicy

from tests.builders import event
from tests.integration.effects import effects, produce, until_effects

ROOT = Path(__file__).resolve().parents[2]
EVENTS = 8
CRASH_AT = 3


async def run_consumer(
    dsn: str, kafka: Kafka, topic: str, policy: AckPolicy, crash_at: int | None = None
) -> asyncio.subprocess.Process:
    args = [dsn, kafka.bootstrap, topic, policy.value] + ([str(crash_at)] if crash_at is not None else [])
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tests.integration.crashing_consumer", *args, cwd=ROOT
    )


async def crash_then_restart(dsn: str, kafka: Kafka, topic: str, policy: AckPolicy) -> list[int]:
    await produce(kafka, topic, [event(n=n).to_bytes() for n in range(EVENTS)])
    crashing = await run_consumer(dsn, kafka, topic, policy, crash_at=CRASH_AT)
    assert await asyncio.wait_for(crashing.wait(), timeout=90) == 17
    assert await effects(dsn) == list(range(CRASH_AT))

    restarted = await run_consumer(dsn, kafka, topic, policy)
    try:
        await until_effects(dsn, EVENTS - 1, timeout=90)
        await asyncio.sleep(3)  # the in-flight event, if it is coming at all
        return await effects(dsn)
    finally:
        restarted.terminate()
        await restarted.wait()


async def test_a_consumer_killed_mid_stream_loses_nothing_after_restart(
    database: str, kafka: Kafka, topic: str
) -> None:
    handled = await crash_then_restart(database, kafka, topic, AckPolicy.NACK_ON_ERROR)
    assert handled == list(range(EVENTS))


async def test_with_faststreams_default_ack_first_the_in_flight_event_is_lost(
    database: str, kafka: Kafka, topic: str
) -> None:
    handled = await crash_then_restart(database, kafka, topic, AckPolicy.ACK_FIRST)
    assert CRASH_AT not in handled
    assert handled == [n for n in range(EVENTS) if n != CRASH_AT]
