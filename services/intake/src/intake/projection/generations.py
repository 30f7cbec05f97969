"""Generations of the projection: a rebuild empties it and starts the next generation, whose
consumer groups are new, so Kafka gives them every topic from the beginning.

`rebuild` is one transaction: it waits for the writes in flight (each holds the generation row
shared until it commits), empties the tables, forgets the projection's inbox rows and moves the
generation on. From its commit, the consumers of the older generation write nothing
(`handlers.guarded`); every intake process sees the new generation within `poll_seconds` and
swaps its consumers for the new generation's groups (`intake.public.<generation>.<topic>`), which
have never committed an offset and so start at the earliest (`auto_offset_reset`). A live
consumer and a rebuild never write into the same tables.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from dekat.db import Connection
from dekat.service import Runtime, logged
from dekat.subscriptions import subscribe

from intake.area_index import AreaIndex
from intake.projection import handlers, store

log = logging.getLogger(__name__)


async def current(conn: Connection) -> int:
    found: int = await conn.fetchval("SELECT generation FROM public_state")
    return found


async def rebuild(conn: Connection, namespace: str = "") -> int:
    """Empty the projection and start its next generation; returns that generation."""
    async with conn.transaction():
        now = await conn.fetchval("SELECT generation FROM public_state FOR UPDATE")
        await conn.execute(f"TRUNCATE {', '.join(store.TABLES)}")
        await conn.execute("DELETE FROM inbox WHERE consumer LIKE $1", f"{namespace}{handlers.GROUP}.%")
        await conn.execute("UPDATE public_state SET generation = $1, rebuilt_at = now()", now + 1)
    return int(now) + 1


def groups(generation: int, namespace: str = "") -> dict[str, list[str]]:
    """The generation's consumer groups and the topic each reads, as named on the broker."""
    return {
        namespace + s.group_id: [namespace + s.topic] for s in handlers.subscriptions(generation, AreaIndex())
    }


class Live:
    """The projection's consumers in this process, always those of the generation being built."""

    def __init__(self, index: AreaIndex, poll_seconds: float) -> None:
        self.index = index
        self.poll_seconds = poll_seconds
        self.generation: int | None = None
        self._subscribers: list[Any] = []

    async def keep_current(self, runtime: Runtime) -> None:
        """A `Runtime` background job: consume for the current generation for as long as it runs."""
        while True:
            try:
                async with runtime.pool.acquire() as conn:
                    generation = await current(conn)
                if generation != self.generation:
                    await self.swap(runtime, generation)
            except Exception as error:  # the database or Kafka away for a moment: try again
                log.warning("projection consumers not checked: %s", type(error).__name__)
            await asyncio.sleep(self.poll_seconds)

    async def swap(self, runtime: Runtime, generation: int) -> None:
        for old in self._subscribers:
            await old.stop()
        settings = runtime.settings
        self._subscribers = [
            subscribe(
                runtime.broker,
                logged(s),
                pool=lambda: runtime.pool,
                metrics=runtime.metrics,
                namespace=settings.namespace,
                workers=settings.consumer_workers,
            )
            for s in handlers.subscriptions(generation, self.index)
        ]
        for new in self._subscribers:
            await new.start()
        self.generation = generation
        log.info("projection consumers of generation %d started", generation)
