"""Fixtures for tests against the real Kafka broker and PostgreSQL server (`make test` starts them)."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator

import asyncpg
import pytest
from dekat import db, topic_admin
from dekat.clients import Kafka
from dekat.settings import CommonSettings

KAFKA = Kafka.of(CommonSettings())
"""The broker of the `DEKAT_KAFKA_*` settings, as the tooling super-user (locally `dekat-admin`)."""
ADMIN_DSN = os.environ.get(
    "DEKAT_TEST_ADMIN_DSN", "postgresql://dekat_test:dekat_test@127.0.0.1:5432/postgres"
)


@pytest.fixture
def kafka() -> Kafka:
    return KAFKA


@pytest.fixture
async def database() -> AsyncIterator[str]:
    """A throwaway database with the shared migrations (outbox, inbox) applied; its DSN."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    conn = await asyncpg.connect(ADMIN_DSN)
    await conn.execute(f'CREATE DATABASE "{name}"')
    dsn = ADMIN_DSN.rsplit("/", 1)[0] + f"/{name}"
    pool = await db.create_pool(dsn)
    await db.migrate(pool, ["dekat"])
    await pool.close()
    try:
        yield dsn
    finally:
        await db.drop_database(conn, name)
        await conn.close()


@pytest.fixture
async def topic(kafka: Kafka) -> str:
    """A fresh topic (and its DLQ) with six partitions."""
    name = f"test.{uuid.uuid4().hex[:12]}.v1"
    await topic_admin.ensure_topics(kafka, [name, f"{name}.dlq"])
    return name
