"""PostgreSQL going away under load: intake answers 503 with Retry-After, never 500, stores nothing half.

intake runs as a real process whose database connection passes through a TCP proxy; the test
cuts the proxy (every open connection reset, new ones refused) in the middle of a burst of
submissions, as a PostgreSQL restart does, and the shared server is never touched.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import asyncpg
import httpx
import pytest
from dekat import topics

from tests.e2e.intake_alone import DATABASE_PORT, Intake, intake_alone
from tests.e2e.proxy import Forwarder
from tests.e2e.stack import PORT_BASE

PORT, PG_PROXY = PORT_BASE + 21, PORT_BASE + 22
URL = f"http://127.0.0.1:{PORT}"
REQUESTS, CONCURRENCY, CUT_AFTER, OUTAGE_SECONDS = 600, 20, 150, 3.0

pytestmark = pytest.mark.e2e


@contextlib.asynccontextmanager
async def intake_behind_a_proxy(tmp: Path) -> AsyncIterator[tuple[Intake, Forwarder]]:
    proxy = Forwarder(PG_PROXY, DATABASE_PORT)
    await proxy.start()
    try:
        async with intake_alone(tmp, PORT, database_port=PG_PROXY) as intake:
            yield intake, proxy
    finally:
        await proxy.stop()


def body(run: str, i: int) -> dict[str, object]:
    return {"service_code": "pothole", "description": f"outage {run} {i}", "lat": -6.186, "long": 106.824}


@dataclass(frozen=True)
class Answer:
    status: int
    """0: no answer at all (the connection was dropped)."""
    retry_after: str | None = None


async def burst(client: httpx.AsyncClient, run: str, cut: asyncio.Event) -> dict[int, Answer]:
    """Every submission once, `CONCURRENCY` at a time; sets `cut` after `CUT_AFTER` answers."""
    gate, answers = asyncio.Semaphore(CONCURRENCY), dict[int, Answer]()

    async def send(i: int) -> None:
        async with gate:
            key = {"Idempotency-Key": f"{run}-{i}"}
            try:
                response = await client.post("/v1/requests", json=body(run, i), headers=key)
                answers[i] = Answer(response.status_code, response.headers.get("retry-after"))
            except httpx.TransportError:
                answers[i] = Answer(0)
            if len(answers) == CUT_AFTER:
                cut.set()

    await asyncio.gather(*(send(i) for i in range(REQUESTS)))
    return answers


async def outage(proxy: Forwarder, cut: asyncio.Event) -> None:
    await cut.wait()
    await proxy.cut()
    await asyncio.sleep(OUTAGE_SECONDS)
    await proxy.start()


async def retried(client: httpx.AsyncClient, run: str, i: int) -> httpx.Response:
    """What a well-behaved client does with a 503: wait as told, send again with the same key."""
    async with asyncio.timeout(60):
        while (
            answer := await client.post(
                "/v1/requests", json=body(run, i), headers={"Idempotency-Key": f"{run}-{i}"}
            )
        ).status_code == 503:
            await asyncio.sleep(float(answer.headers["retry-after"]))
    return answer


async def stored(dsn: str, run: str) -> list[asyncpg.Record]:
    """Each request of this run, with how many submissions it put in the outbox."""
    conn = await asyncpg.connect(dsn)
    try:
        return await conn.fetch(
            "SELECT r.description, count(o.id) AS announced FROM requests r"
            " LEFT JOIN outbox o ON o.key = convert_to(r.id::text, 'UTF8') AND o.topic = $2"
            " WHERE r.description LIKE $1 GROUP BY r.id, r.description",
            f"outage {run} %",
            topics.REQUESTS_SUBMITTED,
        )
    finally:
        await conn.close()


async def test_a_database_outage_under_load_is_answered_503_with_retry_after_and_nothing_half_stored(
    tmp_path: Path,
) -> None:
    run, cut = uuid.uuid4().hex[:8], asyncio.Event()
    async with (
        intake_behind_a_proxy(tmp_path) as (intake, proxy),
        httpx.AsyncClient(base_url=URL, timeout=30) as client,
    ):
        answers, _ = await asyncio.gather(burst(client, run, cut), outage(proxy, cut))
        counts = collections.Counter(a.status for a in answers.values())
        print(f"\n{REQUESTS} submissions, database cut for {OUTAGE_SECONDS:g} s: {dict(counts)}")

        assert set(counts) <= {201, 503}
        assert counts[503] > 0, "the cut did not land during the burst"
        unavailable = [i for i, a in answers.items() if a.status == 503]
        assert all(answers[i].retry_after == "5" for i in unavailable)
        before_retry = {row["description"] for row in await stored(intake.dsn, run)}
        committed = {str(body(run, i)["description"]) for i in unavailable} & before_retry
        print(f"{len(committed)} of the 503s had committed (the reply was lost): their retry replays it")
        again = [await retried(client, run, i) for i in unavailable]
        rows = await stored(intake.dsn, run)

    assert all(a.status_code == 201 for a in again)
    assert sorted(r["description"] for r in rows) == sorted(f"outage {run} {i}" for i in range(REQUESTS))
    assert all(r["announced"] == 1 for r in rows)
