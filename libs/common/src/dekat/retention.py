"""Retention: tables that only grow are trimmed by age, in bounded batches, by a background job.

Every service keeps its sent outbox rows for `outbox_keep_days` (they are history, nothing reads
them) and its inbox rows for `inbox_keep_days`: an event can be delivered again only while it is
still on its topic, so the inbox remembers it at least that long (`CommonSettings` checks that).
A service adds its own tables (intake: `idempotency_keys`). Each batch is one short statement
that skips rows another instance is deleting, so several instances may run the job at once.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from prometheus_client import Counter, Gauge

from dekat.db import Connection, Pool
from dekat.settings import CommonSettings

if TYPE_CHECKING:
    from dekat.service import Runtime

log = logging.getLogger(__name__)

PAUSE_SECONDS = 0.05
"""Between two batches of one table: the service's own queries get the database in between."""


@dataclass(frozen=True)
class Purge:
    table: str
    """The `table` label of `dekat_retention_deleted_rows_total`."""
    sql: str
    """Deletes at most `$2` rows older than `$1` (an interval); answers `DELETE <n>`."""
    keep: timedelta


SENT_OUTBOX = (
    "DELETE FROM outbox WHERE id IN (SELECT id FROM outbox WHERE published_at < now() - $1::interval"
    " ORDER BY published_at LIMIT $2 FOR UPDATE SKIP LOCKED)"
)
"""Only rows the broker confirmed: an unpublished row stays, however old, until the relay sends it."""

HANDLED_INBOX = (
    "DELETE FROM inbox WHERE (consumer, event_id) IN (SELECT consumer, event_id FROM inbox"
    " WHERE processed_at < now() - $1::interval ORDER BY processed_at LIMIT $2 FOR UPDATE SKIP LOCKED)"
)


def common(settings: CommonSettings) -> list[Purge]:
    """What every service trims: its sent outbox rows and its inbox."""
    return [
        Purge("outbox", SENT_OUTBOX, timedelta(days=settings.outbox_keep_days)),
        Purge("inbox", HANDLED_INBOX, timedelta(days=settings.inbox_keep_days)),
    ]


async def purge_batch(conn: Connection, purge: Purge, batch: int) -> int:
    status: str = await conn.execute(purge.sql, purge.keep, batch)
    return int(status.split()[-1])


async def purge(pool: Pool, purge: Purge, deleted: Counter, *, batch: int) -> int:
    """Delete everything older than the purge keeps, `batch` rows at a time; how many went."""
    total = 0
    while True:
        async with pool.acquire() as conn:
            count = await purge_batch(conn, purge, batch)
        deleted.labels(purge.table).inc(count)
        total += count
        if count < batch:
            return total
        await asyncio.sleep(PAUSE_SECONDS)


async def purge_all(pool: Pool, purges: list[Purge], deleted: Counter, *, batch: int) -> dict[str, int]:
    return {p.table: await purge(pool, p, deleted, batch=batch) for p in purges}


async def keep_purging(
    pool: Callable[[], Pool],
    purges: list[Purge],
    *,
    deleted: Counter,
    last_run: Gauge,
    every: float,
    batch: int,
) -> None:
    """Forever: every table in turn, then wait `every` seconds; a failed round is tried next time."""
    while True:
        try:
            counts = await purge_all(pool(), purges, deleted, batch=batch)
            last_run.set(time.time())
            log.info("retention deleted %s", ", ".join(f"{t}: {n}" for t, n in counts.items()))
        except Exception as error:  # the database away for a moment: the rows wait for the next round
            log.warning("retention round failed: %s", type(error).__name__)
        await asyncio.sleep(every)


def job(purges: list[Purge], settings: CommonSettings) -> Callable[[Runtime], Awaitable[None]]:
    """A `Runtime.background` job trimming `purges` every `retention_every_seconds`."""

    async def retention(runtime: Runtime) -> None:
        await keep_purging(
            lambda: runtime.pool,
            purges,
            deleted=runtime.metrics.retention_deleted,
            last_run=runtime.metrics.retention_last_run,
            every=settings.retention_every_seconds,
            batch=settings.retention_batch_size,
        )

    return retention
