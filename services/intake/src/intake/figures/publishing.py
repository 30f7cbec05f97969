"""The figures this process serves, kept current: computed again (by one process at a time) soon
after the projection changed, and at least every `max_age_seconds` (deadlines pass with time).

Every projection write notifies `public` on commit; the job waits `refresh_seconds` after a
notification so a burst of events makes one snapshot, takes the lock, computes unless another
process already did since, and serves the newest snapshot.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import asyncpg
from dekat import db
from dekat.service import Runtime

from intake.figures import snapshots
from intake.figures.document import Names
from intake.figures.gauges import Gauges
from intake.figures.snapshots import Snapshot
from intake.projection import store

log = logging.getLogger(__name__)


class Published:
    def __init__(
        self,
        names: Callable[[], Names],
        gauges: Gauges,
        *,
        refresh_seconds: float,
        max_age_seconds: float = 3600,
    ) -> None:
        self.names = names
        self.gauges = gauges
        self.refresh_seconds = refresh_seconds
        self.max_age = timedelta(seconds=max_age_seconds)
        self.current: Snapshot | None = None

    async def keep_current(self, runtime: Runtime) -> None:
        """A `Runtime` background job."""
        while True:
            try:
                await self._listen(runtime)
            except Exception as error:  # the database went away: connect again
                log.warning("public figures not refreshed: %s", type(error).__name__)
            await asyncio.sleep(2)

    async def _listen(self, runtime: Runtime) -> None:
        conn = await asyncpg.connect(runtime.settings.database_url, timeout=5)
        try:
            changed = asyncio.Event()
            changed.set()
            await conn.add_listener(store.CHANNEL, lambda *_: changed.set())
            conn.add_termination_listener(lambda _: changed.set())
            while not conn.is_closed():
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(changed.wait(), timeout=self.refresh_seconds)
                if changed.is_set() or self.stale():
                    if self.current is not None:
                        await asyncio.sleep(self.refresh_seconds)  # a burst of events makes one snapshot
                    changed.clear()
                    await self.publish(runtime.pool)
        finally:
            await conn.close(timeout=2)

    def stale(self) -> bool:
        return self.current is None or datetime.now(UTC) - self.current.as_of > self.max_age

    async def publish(self, pool: db.Pool) -> Snapshot | None:
        """Compute and keep a snapshot unless one newer than this moment exists; serve the newest."""
        noticed = datetime.now(UTC)
        async with pool.acquire() as conn:
            await conn.execute("SELECT pg_advisory_lock($1)", snapshots.LOCK)
            try:
                newest = await snapshots.newest_id(conn)
                found = await snapshots.by_id(conn, newest) if newest is not None else None
                if found is None or found.as_of < noticed:
                    computed = await snapshots.compute(conn, self.names(), datetime.now(UTC))
                    found = await snapshots.keep(conn, computed)
                    log.info("public figures computed", extra={"snapshot": found.id})
            finally:
                await conn.execute("SELECT pg_advisory_unlock($1)", snapshots.LOCK)
        self.serve(found)
        return found

    def serve(self, snapshot: Snapshot) -> None:
        if self.current is None or self.current.id != snapshot.id:
            self.current = snapshot
            self.gauges.show(snapshot.document)
