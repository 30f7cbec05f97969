"""The transactional outbox: enqueue with the change, publish after commit, mark after confirm.

`enqueue` runs inside the caller's transaction. The `Relay` is the only publisher: it holds a
session advisory lock so one relay per database is active, wakes on `NOTIFY outbox` and polls
as a fallback (notifications are lost while disconnected), sends a batch through an idempotent
producer (acks=all), waits for every confirmation, and only then sets `published_at`.
A crash between confirm and mark republishes the batch; consumers dedupe by event id.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from typing import Any
from uuid import UUID

import asyncpg
from faststream.kafka import KafkaBroker

from dekat.db import Connection, init_connection
from dekat.events import Envelope

log = logging.getLogger(__name__)

RELAY_LOCK = 0x4F5554424F58  # "OUTBOX"

Send = Callable[[str, bytes | None, bytes, dict[str, str]], Awaitable[Awaitable[Any]]]
"""(topic, key, value, headers) -> a future that resolves when the broker confirms."""


async def enqueue(
    conn: Connection,
    topic: str,
    event: Envelope,
    *,
    key: str | None = None,
    headers: dict[str, str] | None = None,
) -> None:
    """Add `event` to the outbox in the caller's transaction, keyed by its subject."""
    await conn.execute(
        "INSERT INTO outbox (event_id, topic, key, payload, headers) VALUES ($1, $2, $3, $4, $5)",
        event.id,
        topic,
        (key or event.subject).encode(),
        event.to_bytes(),
        {
            "content-type": "application/json",
            "x-event-type": event.type,
            "correlation_id": str(event.correlation_id),
            **(headers or {}),
        },
    )


async def enqueue_raw(
    conn: Connection,
    topic: str,
    key: bytes | None,
    value: bytes,
    headers: dict[str, str],
    *,
    event_id: UUID,
) -> None:
    """Add an opaque message (a DLQ copy) to the outbox, once per `event_id`."""
    await conn.execute(
        "INSERT INTO outbox (event_id, topic, key, payload, headers)"
        " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (event_id) DO NOTHING",
        event_id,
        topic,
        key,
        value,
        headers,
    )


async def publish_pending(conn: Connection, send: Send, *, batch_size: int) -> int:
    """Publish one batch of unpublished rows in id order; returns how many were published."""
    async with conn.transaction():
        rows = await conn.fetch(
            "SELECT id, topic, key, payload, headers FROM outbox WHERE published_at IS NULL"
            " ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED",
            batch_size,
        )
        if not rows:
            return 0
        confirmations = [await send(r["topic"], r["key"], r["payload"], r["headers"]) for r in rows]
        await asyncio.gather(*confirmations)
        await conn.execute(
            "UPDATE outbox SET published_at = now() WHERE id = ANY($1::bigint[])",
            [r["id"] for r in rows],
        )
    return len(rows)


async def pending_stats(conn: Connection) -> tuple[int, float]:
    """(unpublished rows, age in seconds of the oldest one)."""
    row = await conn.fetchrow(
        "SELECT count(*) AS n, coalesce(extract(epoch FROM now() - min(created_at)), 0) AS age"
        " FROM outbox WHERE published_at IS NULL"
    )
    assert row is not None
    return int(row["n"]), float(row["age"])


def kafka_send(broker: KafkaBroker, namespace: str = "") -> Send:
    """Send through FastStream's producer (idempotent, acks=all when the broker is built so)."""

    async def send(topic: str, key: bytes | None, value: bytes, headers: dict[str, str]) -> Awaitable[Any]:
        return await broker.publish(
            value,
            namespace + topic,
            key=key,
            headers=headers,
            correlation_id=headers.get("correlation_id"),
            no_confirm=True,
        )

    return send


class Relay:
    """Publishes a database's outbox; run one per service process, only one is ever active."""

    def __init__(
        self,
        dsn: str,
        send: Send,
        *,
        poll_seconds: float = 1.0,
        batch_size: int = 200,
        on_published: Callable[[int], None] = lambda n: None,
        reset: Callable[[], Awaitable[None]] | None = None,
    ) -> None:
        self._dsn = dsn
        self._send = send
        self._reset = reset
        """Called after a failed round, before the next (`dekat.producer`: a fresh producer)."""
        self._poll = poll_seconds
        self._batch = batch_size
        self._on_published = on_published
        self._wake = asyncio.Event()
        self.active = False

    async def run(self) -> None:
        """Forever: hold the relay lock, then drain the outbox whenever woken or polled."""
        while True:
            try:
                await self._run_connected()
            except asyncio.CancelledError:
                raise
            except Exception as error:  # reconnect on anything: the outbox keeps the rows
                self.active = False
                log.warning("outbox relay restarting: %r", error)
                if self._reset is not None:
                    await self._reset()
                await asyncio.sleep(self._poll)

    async def _run_connected(self) -> None:
        conn: Connection = await asyncpg.connect(self._dsn, timeout=5)
        try:
            await init_connection(conn)
            await self._wait_for_lock(conn)
            self.active = True
            await conn.add_listener("outbox", lambda *_: self._wake.set())
            while True:
                self._wake.clear()  # before draining, so a NOTIFY during the drain is not lost
                await self._drain(conn)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), timeout=self._poll)
        finally:
            self.active = False
            await conn.close()

    async def _wait_for_lock(self, conn: Connection) -> None:
        while not await conn.fetchval("SELECT pg_try_advisory_lock($1)", RELAY_LOCK):
            await asyncio.sleep(self._poll)

    async def _drain(self, conn: Connection) -> None:
        while published := await publish_pending(conn, self._send, batch_size=self._batch):
            self._on_published(published)
