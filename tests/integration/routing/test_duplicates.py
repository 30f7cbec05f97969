"""Possible duplicates on a real database: the nearest open requests of the same service, found
through the location's GiST index however many came from one place."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from dekat.db import Pool
from dekat.payloads import RequestSubmitted
from routing import actions, store
from routing.assignments import Submission

from tests.integration.routing.running import MENTENG, submitted
from tests.integration.routing.test_deadline_worker import instance, routing_database

METRE = 1 / 111_320
"""About one metre of latitude, in degrees."""


async def assign_at(pool: Pool, at: tuple[float, float], service: str = "blocked-drain") -> Submission:
    request_id = str(uuid.uuid4())
    event = submitted(request_id, service, at)
    s = Submission.of(event.payload(RequestSubmitted))
    async with pool.acquire() as conn, conn.transaction():
        await actions.assign(conn, instance(), s, event)
    return s


async def test_the_nearest_open_requests_of_the_service_within_150_m_come_first(database: str) -> None:
    pool = await routing_database(database)
    lat, long = MENTENG
    try:
        await assign_at(pool, (lat + 400 * METRE, long))  # too far
        await assign_at(pool, (lat + 5 * METRE, long), "streetlight-out")  # another service
        at_100_m = await assign_at(pool, (lat + 100 * METRE, long))
        at_10_m = await assign_at(pool, (lat + 10 * METRE, long))
        at_50_m = await assign_at(pool, (lat, long + 50 * METRE))
        new = await assign_at(pool, MENTENG)
        async with pool.acquire() as conn:
            found = await store.possible_duplicates(conn, new.facts, datetime.now(UTC))
    finally:
        await pool.close()
    assert found == [at_10_m.request_id, at_50_m.request_id, at_100_m.request_id]


async def test_a_place_many_reported_from_gives_the_five_nearest(database: str) -> None:
    pool = await routing_database(database)
    lat, long = MENTENG
    try:
        crowd = [await assign_at(pool, (lat + metres * METRE, long)) for metres in range(1, 41)]
        new = await assign_at(pool, MENTENG)
        async with pool.acquire() as conn:
            found = await store.possible_duplicates(conn, new.facts, datetime.now(UTC))
    finally:
        await pool.close()
    assert found == [s.request_id for s in crowd[:5]]
