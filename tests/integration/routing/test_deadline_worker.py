"""The deadline worker on a real database: several instances at once take each step exactly once."""

from __future__ import annotations

import asyncio
import uuid
from collections import defaultdict
from datetime import timedelta
from pathlib import Path

from dekat import db
from dekat.events import Envelope
from dekat.payloads import RequestSubmitted
from prometheus_client import CollectorRegistry
from routing import actions, deadlines, escalations, measures, network_store, sources
from routing.assignments import Submission
from routing.clock import Clock
from routing.context import Context

from tests.integration.routing.running import MENTENG, submitted

NETWORK = Path(__file__).parents[3] / "deploy" / "network" / "agencies.json"
REQUESTS = 20


def instance() -> Context:
    return Context(Clock(), measures.create(CollectorRegistry()))


async def routing_database(dsn: str) -> db.Pool:
    pool = await db.create_pool(dsn, max_size=4)
    await db.migrate(pool, ["routing"])
    async with pool.acquire() as conn, conn.transaction():
        await sources.seed(conn, sources.read(NETWORK, NETWORK.parents[1] / "catalogue" / "services.json"))
    return pool


async def assign_drains(pool: db.Pool, ctx: Context, count: int) -> list[str]:
    ids = [str(uuid.uuid4()) for _ in range(count)]
    for request_id in ids:
        event = submitted(request_id, "blocked-drain", MENTENG)
        async with pool.acquire() as conn, conn.transaction():
            await actions.assign(conn, ctx, Submission.of(event.payload(RequestSubmitted)), event)
    return ids


async def escalated_events(pool: db.Pool) -> dict[str, list[int]]:
    rows = await pool.fetch("SELECT payload FROM outbox WHERE topic = 'requests.status.v1' ORDER BY id")
    steps: dict[str, list[int]] = defaultdict(list)
    for row in rows:
        event = Envelope.model_validate_json(bytes(row["payload"]))
        if event.data["change"] == "escalated":
            steps[event.subject].append(event.data["status_seq"])
    return steps


async def ladder_lengths(pool: db.Pool) -> dict[str, int]:
    """How many distinct offices each request's missed deadline climbs, from its holder up."""
    async with pool.acquire() as conn:
        network = await network_store.load_network(conn)
        rows = await conn.fetch("SELECT request_id::text, agency_code FROM assignments")
    return {r["request_id"]: len(deadlines.ladder(network.agencies[r["agency_code"]], network)) for r in rows}


async def drain(pool: db.Pool, ctx: Context) -> int:
    taken = 0
    while done := await escalations.escalate_due(pool, ctx, limit=3):
        taken += done
    return taken


async def test_two_instances_working_the_same_due_rows_take_every_step_once(database: str) -> None:
    first, second = await routing_database(database), await db.create_pool(database, max_size=4)
    one, other = instance(), instance()
    try:
        ids = await assign_drains(first, one, REQUESTS)
        for ctx in (one, other):
            ctx.clock.advance(timedelta(days=30))

        taken = await asyncio.gather(*(drain(pool, ctx) for pool, ctx in [(first, one), (second, other)] * 2))

        steps = await ladder_lengths(first)
        assert sum(taken) == sum(steps.values())
        assert await escalated_events(first) == {i: list(range(2, 2 + steps[i])) for i in ids}
    finally:
        await first.close()
        await second.close()


async def test_a_restarted_worker_carries_on_from_the_step_it_reached(database: str) -> None:
    pool = await routing_database(database)
    try:
        ctx = instance()
        (request_id,) = await assign_drains(pool, ctx, 1)
        due = await pool.fetchval("SELECT due_at FROM assignments")
        ctx.clock.advance(due - ctx.clock.now() + timedelta(minutes=1))
        assert await drain(pool, ctx) == 1

        restarted = instance()
        restarted.clock.advance(ctx.clock.offset + timedelta(days=30))

        steps = (await ladder_lengths(pool))[request_id]
        assert await drain(pool, restarted) == steps - 1
        assert await drain(pool, restarted) == 0
        assert await escalated_events(pool) == {request_id: list(range(2, 2 + steps))}
        assert await pool.fetchval("SELECT escalation_step FROM assignments") == steps
    finally:
        await pool.close()


async def test_every_announcement_about_an_urgent_request_is_urgent(database: str) -> None:
    pool = await routing_database(database)
    try:
        ctx = instance()
        for service, priority in [("flooding", "urgent"), ("blocked-drain", "normal")]:
            event = submitted(str(uuid.uuid4()), service, MENTENG, priority=priority)
            async with pool.acquire() as conn, conn.transaction():
                await actions.assign(conn, ctx, Submission.of(event.payload(RequestSubmitted)), event)
        ctx.clock.advance(timedelta(days=30))
        await drain(pool, ctx)

        urgency = await urgency_by_service(pool)

        assert urgency == {"flooding": {True}, "blocked-drain": {False}}
    finally:
        await pool.close()


async def urgency_by_service(pool: db.Pool) -> dict[str, set[bool]]:
    """Every assignment and status change announced, grouped by the request's service."""
    requests = await pool.fetch("SELECT request_id::text, service_code FROM requests")
    services = {r["request_id"]: r["service_code"] for r in requests}
    rows = await pool.fetch(
        "SELECT payload FROM outbox WHERE topic IN ('requests.assigned.v1', 'requests.status.v1')"
    )
    found: dict[str, set[bool]] = defaultdict(set)
    for row in rows:
        data = Envelope.model_validate_json(bytes(row["payload"])).data
        found[services[data["request_id"]]].add(data["urgent"])
    return dict(found)
