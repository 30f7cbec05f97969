"""intake's copy of the network on the real broker: the newest revision wins, every index follows."""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import AsyncIterator
from typing import Any

import pytest
from dekat import db, metrics, topic_admin, topics
from dekat.clients import Kafka
from dekat.events import new_event
from dekat.payloads import AREA, NetworkArea
from dekat.subscriptions import subscribe
from faststream.kafka import KafkaBroker
from intake import area_index, handlers
from intake.area_index import AreaIndex

from tests.integration.effects import produce
from tests.unit.intake.builders import network_areas


@pytest.fixture
async def intake_db(database: str) -> AsyncIterator[db.Pool]:
    pool = await db.create_pool(database)
    await db.migrate(pool, ["dekat", "intake"])
    yield pool
    await pool.close()


@pytest.fixture
async def areas_topic(intake_db: db.Pool, kafka: Kafka) -> AsyncIterator[str]:
    """intake's area subscription in a namespace of its own; yields the topic to produce to."""
    namespace = f"it-{uuid.uuid4().hex[:8]}."
    await topic_admin.ensure_topics(kafka, topics.with_dlqs([namespace + topics.NETWORK_AREAS]))
    broker = KafkaBroker(
        kafka.bootstrap, security=kafka.security(), enable_idempotence=True, allow_auto_create_topics=False
    )
    (areas,) = [s for s in handlers.SUBSCRIPTIONS if s.topic == topics.NETWORK_AREAS]
    subscribe(broker, areas, pool=lambda: intake_db, metrics=metrics.create("t"), namespace=namespace)
    await broker.start()
    try:
        yield namespace + topics.NETWORK_AREAS
    finally:
        await broker.stop()
        await topic_admin.delete_topics(kafka, namespace)


@contextlib.asynccontextmanager
async def index_kept_current(dsn: str) -> AsyncIterator[AreaIndex]:
    """An instance's index, with a poll so slow that only PostgreSQL's notification can wake it."""
    index = AreaIndex()
    job = asyncio.create_task(area_index.keeping_current(index, dsn, poll_seconds=600)(None))
    try:
        yield index
    finally:
        job.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await job


def announced(area: NetworkArea, **changes: Any) -> bytes:
    data = area.model_copy(update=changes)
    return new_event(AREA, subject=data.code, data=data, source="routing").to_bytes()


async def until(check: Any) -> None:
    async with asyncio.timeout(60):
        while not await check():
            await asyncio.sleep(0.2)


async def test_a_late_older_revision_never_overwrites_the_newer_one_and_every_index_follows(
    intake_db: db.Pool, areas_topic: str, kafka: Kafka, database: str
) -> None:
    cikini = next(a for a in network_areas() if a.code == "kel-cikini")
    async with index_kept_current(database) as first, index_kept_current(database) as second:
        newer = announced(cikini, name="Cikini", revision=7)
        older = announced(cikini, name="Cikini Lama", revision=3)
        await produce(kafka, areas_topic, [newer, older, newer], key=b"kel-cikini")
        others = [announced(a, revision=7) for a in network_areas() if a.code != "kel-cikini"]
        await produce(kafka, areas_topic, others, key=b"others")

        async def all_indexed() -> bool:
            return all(len(i.current.areas) == len(network_areas()) for i in (first, second))

        await until(all_indexed)

    row = await intake_db.fetchrow("SELECT name, revision FROM areas WHERE code = 'kel-cikini'")
    assert row is not None
    assert (row["name"], row["revision"]) == ("Cikini", 7)
    assert first.current.areas["kel-cikini"].name == "Cikini"
    assert second.current.served() == ["DKI Jakarta"]


async def test_an_area_with_unreadable_geometry_goes_to_the_dlq_and_the_next_one_is_kept(
    intake_db: db.Pool, areas_topic: str, kafka: Kafka
) -> None:
    gambir, senen = (next(a for a in network_areas() if a.code == c) for c in ("kel-gambir", "kel-senen"))
    broken = announced(gambir, geometry={"type": "Polygon", "coordinates": "nowhere"})
    await produce(kafka, areas_topic, [broken, announced(senen)], key=b"same-partition")

    async def senen_kept() -> bool:
        return bool(await intake_db.fetchval("SELECT count(*) FROM areas WHERE code = 'kel-senen'"))

    await until(senen_kept)
    assert await intake_db.fetchval("SELECT count(*) FROM areas WHERE code = 'kel-gambir'") == 0
    parked = await intake_db.fetchval(
        "SELECT count(*) FROM outbox WHERE topic = $1", topics.NETWORK_AREAS + ".dlq"
    )
    assert parked == 1
