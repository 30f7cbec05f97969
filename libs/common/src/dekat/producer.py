"""The outbox relay's own Kafka producer: idempotent (acks=all), and made anew after a failure.

aiokafka gives a batch its sequence number when the batch leaves the accumulator — also when it
leaves only to be expired, because its partition has no leader while the broker is away. The
broker never sees that sequence and refuses everything this producer sends after it, for good
(`OutOfOrderSequenceNumber` until the process restarts; aio-libs/aiokafka#1017, where the Java
client would bump its epoch). The fault suite found it: after a Kafka stop/start, intake's relay
never published again. A producer made anew gets a new producer id and starts at sequence 0; the
rows the failed round did not mark are sent again, and consumers dedupe them by event id.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiokafka import AIOKafkaProducer

log = logging.getLogger(__name__)

STOP_SECONDS = 5.0
"""Stopping a producer flushes what it holds: with the broker away, it would wait for it."""


class Producer:
    def __init__(self, make: Callable[[], AIOKafkaProducer], namespace: str = "") -> None:
        self._make = make
        self._namespace = namespace
        self._producer: AIOKafkaProducer | None = None

    async def send(
        self, topic: str, key: bytes | None, value: bytes, headers: dict[str, str]
    ) -> Awaitable[Any]:
        """Queue one message; the future resolves when the broker confirmed it (`outbox.Send`)."""
        if self._producer is None:
            producer = self._make()
            await producer.start()
            self._producer = producer
        encoded = [(name, text.encode()) for name, text in headers.items()]
        future: Awaitable[Any] = await self._producer.send(
            self._namespace + topic, value, key=key, headers=encoded
        )
        return future

    async def reset(self) -> None:
        """Drop the producer (and whatever it still held); the next send makes a new one."""
        producer, self._producer = self._producer, None
        if producer is not None:
            log.warning("outbox producer made anew after a failed round")
            with contextlib.suppress(Exception):
                await asyncio.wait_for(producer.stop(), STOP_SECONDS)

    async def stop(self) -> None:
        await self.reset()
