"""`python -m intake.projection rebuild [--wait]`: empty the public projection and replay every topic
into it from the beginning, in a new generation of consumer groups that the running intake
processes swap to within `DEKAT_PUBLIC_GENERATION_POLL_SECONDS`; `--wait` until they caught up.
`python -m intake.projection status`: the generation being built, what it holds, how far behind."""

from __future__ import annotations

import asyncio
import sys

import asyncpg
from dekat import db, lag
from dekat.clients import Kafka

from intake.config import Settings
from intake.projection import generations, store

WAIT_SECONDS = 3600


async def holding(conn: db.Connection) -> dict[str, int]:
    return {t: await conn.fetchval(f"SELECT count(*) FROM {t}") for t in store.TABLES}


async def behind(settings: Settings, generation: int) -> int:
    probe = lag.Probe(Kafka.of(settings), generations.groups(generation, settings.namespace))
    await probe.start()
    try:
        return sum(p.lag for p in await probe.measure())
    finally:
        await probe.stop()


async def caught_up(settings: Settings, generation: int) -> None:
    async with asyncio.timeout(WAIT_SECONDS):
        while await behind(settings, generation):
            await asyncio.sleep(2)


async def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("rebuild", "status"):
        print(__doc__)
        return 2
    settings = Settings()
    conn = await asyncpg.connect(settings.database_url, timeout=10)
    try:
        await db.init_connection(conn)
        if argv[0] == "rebuild":
            generation = await generations.rebuild(conn, settings.namespace)
            print(f"[projection] emptied; generation {generation} replays every topic from the beginning")
            if "--wait" in argv:
                await caught_up(settings, generation)
        else:
            generation = await generations.current(conn)
        print(
            f"[projection] generation {generation}, behind by {await behind(settings, generation)} messages"
        )
        print(f"[projection] holds {await holding(conn)}")
        return 0
    finally:
        await conn.close()


if __name__ == "__main__":
    sys.exit(asyncio.run(main(sys.argv[1:])))
