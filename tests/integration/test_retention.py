"""Retention against the real PostgreSQL: rows older than their horizon go, in bounded batches;
newer rows, and outbox rows the broker has not confirmed, stay."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from dekat import db, metrics, retention
from dekat.settings import CommonSettings
from intake import idempotency
from intake.config import Settings
from intake.main import purges

DAY = timedelta(days=1)


@pytest.fixture
async def pool(database: str) -> AsyncIterator[db.Pool]:
    pool = await db.create_pool(database)
    await db.migrate(pool, ["dekat", "intake"])
    yield pool
    await pool.close()


async def outbox_row(pool: db.Pool, *, age: timedelta, sent_age: timedelta | None) -> uuid.UUID:
    event_id = uuid.uuid4()
    await pool.execute(
        "INSERT INTO outbox (event_id, topic, payload, created_at, published_at)"
        " VALUES ($1, 't', '\\x7b7d', now() - $2::interval, now() - $3::interval)",
        event_id,
        age,
        sent_age,
    )
    return event_id


async def inbox_row(pool: db.Pool, *, age: timedelta) -> uuid.UUID:
    event_id = uuid.uuid4()
    await pool.execute(
        "INSERT INTO inbox (consumer, event_id, processed_at) VALUES ('c', $1, now() - $2::interval)",
        event_id,
        age,
    )
    return event_id


async def key_row(pool: db.Pool, *, age: timedelta) -> str:
    key = uuid.uuid4().hex
    await pool.execute(
        "INSERT INTO idempotency_keys (scope, key, fingerprint, status, body, created_at)"
        " VALUES ('requests', $1, 'f', 201, '{}', now() - $2::interval)",
        key,
        age,
    )
    return key


async def left(pool: db.Pool, table: str, column: str) -> set[object]:
    return {r[0] for r in await pool.fetch(f"SELECT {column} FROM {table}")}


def deleted(measured: metrics.Metrics, table: str) -> float | None:
    return measured.registry.get_sample_value("dekat_retention_deleted_rows_total", {"table": table})


async def test_sent_outbox_rows_go_after_the_horizon_and_unsent_ones_stay_however_old(pool: db.Pool) -> None:
    old_sent = [await outbox_row(pool, age=5 * DAY, sent_age=4 * DAY) for _ in range(5)]
    recent_sent = await outbox_row(pool, age=2 * DAY, sent_age=2 * DAY)
    old_unsent = await outbox_row(pool, age=30 * DAY, sent_age=None)
    measured = metrics.create("test")
    outbox, _ = retention.common(CommonSettings(outbox_keep_days=3))

    gone = await retention.purge(pool, outbox, measured.retention_deleted, batch=2)

    assert gone == len(old_sent)
    assert await left(pool, "outbox", "event_id") == {recent_sent, old_unsent}
    assert deleted(measured, "outbox") == len(old_sent)


async def test_inbox_rows_go_only_once_older_than_the_topics_can_redeliver(pool: db.Pool) -> None:
    old = [await inbox_row(pool, age=15 * DAY) for _ in range(3)]
    still_replayable = await inbox_row(pool, age=13 * DAY)
    measured = metrics.create("test")
    _, inbox = retention.common(CommonSettings())

    assert await retention.purge(pool, inbox, measured.retention_deleted, batch=1000) == len(old)
    assert await left(pool, "inbox", "event_id") == {still_replayable}


async def test_idempotency_keys_are_forgotten_after_a_day(pool: db.Pool) -> None:
    yesterday = [await key_row(pool, age=DAY + timedelta(minutes=1)) for _ in range(4)]
    today = await key_row(pool, age=timedelta(hours=23))
    measured = metrics.create("test")

    gone = await retention.purge(pool, idempotency.expiry(24), measured.retention_deleted, batch=3)

    assert gone == len(yesterday)
    assert await left(pool, "idempotency_keys", "key") == {today}
    assert deleted(measured, "idempotency_keys") == len(yesterday)


async def test_two_instances_trimming_at_once_delete_each_row_once(pool: db.Pool) -> None:
    for _ in range(40):
        await outbox_row(pool, age=5 * DAY, sent_age=4 * DAY)
    measured = metrics.create("test")
    outbox, _ = retention.common(CommonSettings())

    counts = await asyncio.gather(
        *(retention.purge(pool, outbox, measured.retention_deleted, batch=3) for _ in range(2))
    )

    assert sum(counts) == 40
    assert await left(pool, "outbox", "event_id") == set()


async def test_intakes_job_trims_every_table_and_says_when_it_last_did(pool: db.Pool) -> None:
    await outbox_row(pool, age=5 * DAY, sent_age=4 * DAY)
    await inbox_row(pool, age=15 * DAY)
    await key_row(pool, age=2 * DAY)
    measured = metrics.create("intake")

    job = asyncio.create_task(
        retention.keep_purging(
            lambda: pool,
            purges(Settings()),
            deleted=measured.retention_deleted,
            last_run=measured.retention_last_run,
            every=0.1,
            batch=10,
        )
    )
    try:
        async with asyncio.timeout(10):
            while not measured.registry.get_sample_value("dekat_retention_last_run_timestamp_seconds"):
                await asyncio.sleep(0.05)
    finally:
        job.cancel()

    assert {t: deleted(measured, t) for t in ("outbox", "inbox", "idempotency_keys")} == {
        "outbox": 1,
        "inbox": 1,
        "idempotency_keys": 1,
    }


def test_an_inbox_forgetting_events_still_on_their_topics_is_refused_at_startup() -> None:
    with pytest.raises(ValueError, match="DEKAT_INBOX_KEEP_DAYS"):
        CommonSettings(inbox_keep_days=7, kafka_retention_days=7, kafka_roll_days=1)
    assert CommonSettings(inbox_keep_days=8, kafka_retention_days=7, kafka_roll_days=1).inbox_keep_days == 8
