"""The areas this process checks locations against, kept current from intake's `areas` table.

Every instance keeps its own index: it loads the table once connected, reloads on PostgreSQL's
`NOTIFY areas` (sent by the table's trigger, whichever instance consumed the change), and
compares the table's version every `poll_seconds` in case a notification was missed.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Coroutine
from typing import Annotated, Any

import asyncpg
from dekat import db
from fastapi import Depends, Request

from intake import areas, areas_store
from intake.areas import Places

log = logging.getLogger(__name__)

RECONNECT_SECONDS = 2.0


class AreaIndex:
    """The current `Places`, replaced whole when the table changes (readers never see half)."""

    def __init__(self) -> None:
        self.current: Places = areas.NOWHERE_YET
        self.version: tuple[int, int, str] | None = None
        self.chooser: dict[str, Any] = areas.chooser(self.current)
        self.etag = areas.etag(self.chooser)

    async def refresh(self, conn: db.Connection) -> bool:
        """Reload if the table changed since the last load; whether it did."""
        version = await areas_store.version(conn)
        if version == self.version:
            return False
        known = await asyncio.to_thread(areas.places, await areas_store.every(conn))
        chooser = areas.chooser(known)
        self.current, self.chooser, self.etag, self.version = known, chooser, areas.etag(chooser), version
        log.info("area index loaded", extra={"count": len(known.areas)})
        return True


def keeping_current(
    index: AreaIndex, dsn: str, *, poll_seconds: float
) -> Callable[[Any], Coroutine[Any, Any, None]]:
    """A `Runtime` background job that keeps `index` current for as long as the service runs."""

    async def areas_index(runtime: Any) -> None:
        while True:
            try:
                await listen(index, dsn, poll_seconds)
            except Exception as error:  # the database went away: connect again
                log.warning("area index not refreshed: %s", type(error).__name__)
            await asyncio.sleep(RECONNECT_SECONDS)

    return areas_index


async def listen(index: AreaIndex, dsn: str, poll_seconds: float) -> None:
    conn = await asyncpg.connect(dsn, timeout=5)
    try:
        await db.init_connection(conn)
        changed = asyncio.Event()
        await conn.add_listener("areas", lambda *_: changed.set())
        conn.add_termination_listener(lambda _: changed.set())  # lost: reconnect now, not at the poll
        while not conn.is_closed():
            changed.clear()  # before reading, so a change during the read is not lost
            await index.refresh(conn)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(changed.wait(), timeout=poll_seconds)
    finally:
        await conn.close(timeout=2)


async def places_of(request: Request) -> Places:
    index: AreaIndex = request.app.state.areas
    return index.current


Known = Annotated[Places, Depends(places_of)]
"""The places a submission is checked against, as this process knows them now."""
