"""intake's status read model on the real broker: late and repeated events never move a status back."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from dekat import db, metrics, topic_admin, topics
from dekat.clients import Kafka
from dekat.events import Envelope, new_event
from dekat.payloads import ASSIGNED, STATUS_CHANGED, RequestAssigned, RequestStatusChanged
from dekat.subscriptions import subscribe
from dekat.vocabulary import Status
from faststream.kafka import KafkaBroker
from intake import commands, handlers, store, views
from intake.submissions import Submission

from tests.integration.effects import produce

T0 = datetime(2026, 5, 4, 3, 0, tzinfo=UTC)


@pytest.fixture
async def intake_db(database: str) -> AsyncIterator[db.Pool]:
    pool = await db.create_pool(database)
    await db.migrate(pool, ["dekat", "intake"])
    yield pool
    await pool.close()


@pytest.fixture
async def consuming(intake_db: db.Pool, kafka: Kafka) -> AsyncIterator[str]:
    """intake's own subscriptions, in a namespace of their own; yields the namespace."""
    namespace = f"it-{uuid.uuid4().hex[:8]}."
    names = [namespace + s.topic for s in handlers.SUBSCRIPTIONS]
    await topic_admin.ensure_topics(kafka, topics.with_dlqs(names))
    broker = KafkaBroker(
        kafka.bootstrap, security=kafka.security(), enable_idempotence=True, allow_auto_create_topics=False
    )
    for subscription in handlers.SUBSCRIPTIONS:
        subscribe(
            broker, subscription, pool=lambda: intake_db, metrics=metrics.create("t"), namespace=namespace
        )
    await broker.start()
    try:
        yield namespace
    finally:
        await broker.stop()
        await topic_admin.delete_topics(kafka, namespace)


def assigned(request_id: str) -> Envelope:
    data = RequestAssigned(
        request_id=request_id,
        agency_code="dinas-bina-marga",
        agency_name="Dinas Bina Marga",
        reasons=["pothole → Dinas Bina Marga"],
        rule_version=1,
        status_seq=1,
        assigned_at=T0 + timedelta(minutes=1),
        resolve_by=T0 + timedelta(days=5),
    )
    return new_event(ASSIGNED, subject=request_id, data=data, source="routing", now=T0)


def status(request_id: str, seq: int, name: Status, note: str | None = None) -> Envelope:
    data = RequestStatusChanged(
        request_id=request_id, status=name, status_seq=seq, note=note, changed_at=T0 + timedelta(minutes=seq)
    )
    return new_event(STATUS_CHANGED, subject=request_id, data=data, source="routing", now=T0)


async def submitted(pool: db.Pool) -> str:
    s = Submission(service_code="pothole", description="Lubang", channel="web", lat=-6.2, long=106.8)
    async with pool.acquire() as conn, conn.transaction():
        return (await commands.submit(conn, s, T0, catalogue={})).id


async def timeline_of(pool: db.Pool, request_id: str) -> list[tuple[int, str]]:
    rows = await pool.fetch("SELECT seq, status FROM timeline WHERE request_id = $1 ORDER BY seq", request_id)
    return [(r["seq"], r["status"]) for r in rows]


async def test_late_and_repeated_status_events_never_move_a_request_backwards(
    intake_db: db.Pool, consuming: str, kafka: Kafka
) -> None:
    request_id = await submitted(intake_db)
    acknowledged = status(request_id, 2, "acknowledged")
    resolved = status(request_id, 4, "resolved", "Sudah ditambal")
    on_status = [resolved, acknowledged, acknowledged, status(request_id, 3, "in_progress"), resolved]
    await produce(
        kafka, consuming + topics.REQUESTS_STATUS, [e.to_bytes() for e in on_status], request_id.encode()
    )
    await produce(
        kafka,
        consuming + topics.REQUESTS_ASSIGNED,
        [assigned(request_id).to_bytes()] * 2,
        request_id.encode(),
    )

    async with asyncio.timeout(60):
        while len(await timeline_of(intake_db, request_id)) < 5:
            await asyncio.sleep(0.2)
    await asyncio.sleep(1)  # the repeated events, if they changed anything, would have by now

    row = await intake_db.fetchrow("SELECT * FROM requests WHERE id = $1", request_id)
    assert row is not None
    assert (row["status"], row["status_seq"]) == ("resolved", 4)
    async with intake_db.acquire() as conn:
        found = await store.request_by(conn, "id", request_id)
    assert found is not None
    assert (
        views.open311(found, None, "id")["status_notes"]
        == "Diselesaikan oleh Dinas Bina Marga: Sudah ditambal"
    )
    assert row["agency_name"] == "Dinas Bina Marga"  # from the assignment that arrived last
    assert await timeline_of(intake_db, request_id) == [
        (0, "received"),
        (1, "assigned"),
        (2, "acknowledged"),
        (3, "in_progress"),
        (4, "resolved"),
    ]


async def test_a_status_for_a_request_intake_never_took_in_changes_nothing(
    intake_db: db.Pool, consuming: str, kafka: Kafka
) -> None:
    stranger, known = str(uuid.uuid4()), await submitted(intake_db)
    events = [status(stranger, 2, "resolved"), status(known, 2, "acknowledged")]
    await produce(kafka, consuming + topics.REQUESTS_STATUS, [e.to_bytes() for e in events], b"same-key")
    async with asyncio.timeout(60):
        while len(await timeline_of(intake_db, known)) < 2:
            await asyncio.sleep(0.2)
    assert await intake_db.fetchval("SELECT count(*) FROM requests WHERE id = $1", stranger) == 0
