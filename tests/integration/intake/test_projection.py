"""The public projection against the real broker and database: a seeded history (`public_history`)
gives the figures worked out by hand, and a rebuild replays the topics into the same figures.

intake's projection consumers run as the service runs them (`generations.Live` in a `Runtime`), in
a namespace of their own; the events are produced as routing and intake would have.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import sys
import uuid
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import asyncpg
import pytest
from aiokafka import AIOKafkaProducer
from dekat import db, metrics, service, topic_admin, topics
from dekat.events import Envelope
from intake import areas_store
from intake.area_index import AreaIndex
from intake.config import Settings
from intake.figures import snapshots, trust
from intake.figures.document import Names
from intake.figures.trust import Part
from intake.projection import generations
from intake.public import exports, open_data

from tests import kafka_access
from tests.conftest import ADMIN_DSN, KAFKA
from tests.integration.intake import public_history
from tests.integration.intake.public_history import AS_OF, BINA_MARGA, CITIZENS, PAM, SDA
from tests.unit.intake.builders import CATALOGUE, ROOT, network_areas

EXPECTED = {
    "public_facts": 4 * 15 + 4 * 15 + 3 * 2 + 1 + 4 * 3 + 6 * 2,
    "public_surveys": 35,
    "public_ratings": 4,
}
"""Facts: A and B four events each (15 + 15 requests), C three, one contest, PAM four (3), the
bounced six (2); every survey answer once per reporter; the ratings."""


@contextlib.asynccontextmanager
async def intake_database() -> AsyncIterator[str]:
    """A throwaway database with intake's tables and the demo network's areas; its DSN."""
    server = await asyncpg.connect(ADMIN_DSN)
    name = f"pj_{uuid.uuid4().hex[:12]}"
    await server.execute(f'CREATE DATABASE "{name}"')
    dsn = ADMIN_DSN.rsplit("/", 1)[0] + f"/{name}"
    pool = await db.create_pool(dsn)
    try:
        await db.migrate(pool, ["dekat", "intake"])
        async with pool.acquire() as conn:
            for area in network_areas():
                await areas_store.keep(conn, area)
        yield dsn
    finally:
        await pool.close()
        await db.drop_database(server, name)
        await server.close()


@contextlib.asynccontextmanager
async def own_namespace() -> AsyncIterator[str]:
    name = f"pj-{uuid.uuid4().hex[:8]}."
    await topic_admin.ensure_topics(KAFKA, topics.with_dlqs([name + t for t in topics.REQUEST_TOPICS]))
    try:
        async with kafka_access.namespace_open(name):
            yield name
    finally:
        await topic_admin.delete_topics(KAFKA, name)


@pytest.fixture(scope="module")
async def seeded_db() -> AsyncIterator[str]:
    """The seeded history, projected once for the module's tests; the database it is in."""
    async with intake_database() as dsn, own_namespace() as namespace, running(dsn, namespace):
        await produce(namespace, public_history.seeded())
        await projected(dsn)
        yield dsn


@pytest.fixture
async def seeded(seeded_db: str) -> dict[str, Any]:
    """The figures as of Monday 23 November."""
    return await published(seeded_db)


@contextlib.asynccontextmanager
async def running(dsn: str, namespace: str) -> AsyncIterator[generations.Live]:
    """intake's runtime with only the projection's consumers (swapping generations every 0.3 s)."""
    settings = Settings(database_url=dsn, namespace=namespace, outbox_poll_seconds=0.3)  # as svc-intake
    measured = metrics.create("intake-test")
    live = generations.Live(AreaIndex(), poll_seconds=0.3)
    runtime = service.Runtime(
        settings=settings,
        metrics=measured,
        broker=service.create_broker(settings, measured),
        migrations=["dekat", "intake"],
        background=[live.keep_current],
    )
    await runtime.start()
    try:
        yield live
    finally:
        await runtime.stop()


async def produce(namespace: str, events: list[Envelope]) -> None:
    topic_of = {
        "request.submitted": topics.REQUESTS_SUBMITTED,
        "request.assigned": topics.REQUESTS_ASSIGNED,
        "request.status_changed": topics.REQUESTS_STATUS,
        "request.feedback": topics.REQUESTS_FEEDBACK,
        "request.survey_answered": topics.REQUESTS_FEEDBACK,
        "network.agency": topics.NETWORK_AGENCIES,
    }
    producer = AIOKafkaProducer(**KAFKA.aiokafka(), enable_idempotence=True)
    await producer.start()
    try:
        for e in events:
            await producer.send_and_wait(namespace + topic_of[e.type], e.to_bytes(), key=e.subject.encode())
    finally:
        await producer.stop()


async def counts(dsn: str) -> dict[str, int]:
    conn = await asyncpg.connect(dsn)
    try:
        found = {t: await conn.fetchval(f"SELECT count(*) FROM {t}") for t in EXPECTED}
        hours = await conn.fetchval(
            "SELECT count(*) FROM public_requests WHERE calendar_revision IS NOT NULL"
        )
        return {**found, "with_hours": hours}
    finally:
        await conn.close()


async def projected(dsn: str) -> None:
    """Until every event is in, and every request's hours are counted in its holder's calendar."""
    wanted, found = {**EXPECTED, "with_hours": 37}, {}
    with contextlib.suppress(TimeoutError):
        async with asyncio.timeout(180):
            while (found := await counts(dsn)) != wanted:
                await asyncio.sleep(0.5)
    assert found == wanted


NAMES = Names(
    services={code: s.name for code, s in CATALOGUE.items()},
    areas={a.code: a.name for a in network_areas()},
    kecamatan=tuple(a.code for a in network_areas() if a.level == "kecamatan"),
)


async def published(dsn: str) -> dict[str, Any]:
    conn = await asyncpg.connect(dsn)
    try:
        await db.init_connection(conn)
        return await snapshots.compute(conn, NAMES, AS_OF)
    finally:
        await conn.close()


def group(document: dict[str, Any], plural: str, code: str) -> dict[str, Any]:
    found: dict[str, Any] = next(g for g in document[plural] if g["code"] == code)
    return found


def test_bina_margas_figures_are_those_worked_out_by_hand(seeded: dict[str, Any]) -> None:
    bm = group(seeded, "agencies", BINA_MARGA)
    assert (bm["name"], bm["kind"], bm["received"], bm["open_now"]) == (
        "Dinas Bina Marga",
        "government",
        32,
        3,
    )
    # to assign: 0.1 h each; to acknowledge: 15 x 1.9 and 15 x 5.9, the middle two 1.9 and 5.9;
    # to resolve: 15 x 7 and 15 x 14 working hours
    assert bm["median_hours"] == {"to_assign": 0.1, "to_acknowledge": 3.9, "to_resolve": 10.5}
    # A on time (15); B late (15); C late once its deadlines passed (2): 15 of 32
    assert bm["on_time"]["acknowledge"] == {"n": 32, "yes": 15, "percent": 46.88}
    assert bm["on_time"]["resolve"] == {"n": 32, "yes": 15, "percent": 46.88}
    assert bm["reopened"] == {"n": 30, "yes": 1, "percent": 3.33}
    assert bm["escalated"] == {"n": 32, "yes": 2, "percent": 6.25}
    assert bm["bounced"] == {"n": 32, "yes": 0, "percent": 0.0}
    assert bm["rating"] == {"n": 4, "mean": 4.0}


def test_the_survey_gives_nrr_ikm_and_grade_as_the_regulation_computes_them(seeded: dict[str, Any]) -> None:
    survey = group(seeded, "agencies", BINA_MARGA)["survey"]
    # (20 x 4 + 12 x 3) / 32 = 3.625 for eight elements; cost, left out by 12: 20 x 4 / 20 = 4
    assert survey["nrr"]["time"] == {"answers": 32, "mean": 3.625}
    assert survey["nrr"]["cost"] == {"answers": 20, "mean": 4.0}
    # 25 x (8 x 3.625 + 4) / 9 = 25 x 33 / 9 = 91.67: grade A (88.31 and up)
    assert (survey["respondents"], survey["ikm"], survey["grade"]) == (32, 91.67, "A")


def test_the_trust_index_and_its_band_are_those_worked_out_by_hand(seeded: dict[str, Any]) -> None:
    trust = group(seeded, "agencies", BINA_MARGA)["trust"]
    # satisfaction (91.667 - 25) / 75 = 0.8889; acknowledged and resolved on time 15/32 = 0.4688;
    # not contested 29/30; not escalated 30/32; not bounced 32/32:
    # 100 x (0.40 x 0.8889 + 0.15 x 0.4688 + 0.20 x 0.4688 + 0.10 x 0.9667 + 0.10 x 0.9375 + 0.05 x 1) = 76.00
    # Wilson 95 %: 0.7362-0.9582 (n 32), 0.3087-0.6355 (32), the same, 0.8333-0.9941 (30),
    # 0.7985-0.9827 (32), 0.8928-1 (32): the lower bounds weighted give 61.03, the upper 85.34
    assert (trust["score"], trust["low"], trust["high"]) == (76.0, 61.03, 85.34)
    assert trust["parts"]["not_contested"] == {"share": 29 / 30, "n": 30, "weight": 0.1}
    assert (trust["version"], trust["answers"], trust["needed"]) == (1, 32, 30)


def test_below_thirty_answers_there_is_no_score_but_the_count_so_far(seeded: dict[str, Any]) -> None:
    pam = group(seeded, "agencies", PAM)
    assert (pam["trust"]["score"], pam["trust"]["answers"], pam["survey"]["ikm"]) == (None, 3, None)
    assert pam["survey"]["nrr"]["time"] == {"answers": 3, "mean": 4.0}
    # two of its five assignments sent back as not its own
    assert pam["bounced"] == {"n": 5, "yes": 2, "percent": 40.0}
    assert (pam["received"], pam["median_hours"]["to_resolve"]) == (3, 3.0)


def test_a_bounced_request_counts_for_the_agency_that_resolved_it(seeded: dict[str, Any]) -> None:
    sda = group(seeded, "agencies", SDA)
    assert (sda["received"], sda["open_now"]) == (2, 0)
    assert sda["median_hours"] == {"to_assign": 0.1, "to_acknowledge": 1.0, "to_resolve": 6.0}
    assert sda["on_time"]["resolve"]["percent"] == 100.0


def test_institution_types_kecamatan_and_weeks_add_up(seeded: dict[str, Any]) -> None:
    government = group(seeded, "kinds", "government")
    assert government["received"] == 34
    # 2 x 6 (Sudin SDA), 15 x 7, 15 x 14: the 16th and 17th of 32 are both 7
    assert government["median_hours"]["to_resolve"] == 7.0
    assert group(seeded, "kinds", "utility")["received"] == 3
    menteng = group(seeded, "kecamatan", "kec-menteng")
    assert (menteng["name"], menteng["received"]) == ("Menteng", 37)
    bm = group(seeded, "agencies", BINA_MARGA)
    week = next(w for w in bm["weeks"] if w["period"] == "2026-W47")
    assert (week["received"], week["trust"]["score"]) == (32, 76.0)
    assert bm["weeks"][-1]["period"] == "2026-W48"
    assert bm["weeks"][-1]["trust"] == {**bm["weeks"][-1]["trust"], "score": None, "answers": 0}
    (kelurahan,) = seeded["demand"]
    assert (kelurahan["code"], kelurahan["total"], kelurahan["services"]) == (
        "kel-menteng",
        37,
        {"pothole": 35, "blocked-drain": 2},
    )


async def test_nothing_public_names_a_citizen_or_a_tracking_code(
    seeded: dict[str, Any], seeded_db: str
) -> None:
    conn = await exports.connect(seeded_db)
    rows = [
        open_data.request_row(r, NAMES.areas, AS_OF) async for batch in exports.requests(conn) for r in batch
    ]
    assert len(rows) == 37
    public = json.dumps(seeded, ensure_ascii=False) + json.dumps(rows, ensure_ascii=False)
    said = [
        *CITIZENS["names"],
        *CITIZENS["emails"],
        *CITIZENS["phones"],
        "DK-2345-6789",
        "0812 3456 7890",
        "Pak Budi",
    ]
    assert [s for s in said if s in public] == []
    confidential = [r for r in rows if r["privacy"] == "confidential"]
    assert [(r["description"], r["lat"]) for r in confidential] == [(None, None)]
    assert "hubungi 0••• •••• ••••" in public  # a public request's description, its phone number masked


async def test_a_rebuild_replays_the_topics_into_the_same_figures() -> None:
    async with (
        intake_database() as intake_db,
        own_namespace() as namespace,
        running(intake_db, namespace) as live,
    ):
        await produce(namespace, public_history.seeded())
        await projected(intake_db)
        before = await published(intake_db)
        await rebuild(intake_db, namespace)
        async with asyncio.timeout(60):
            while live.generation != 2:
                await asyncio.sleep(0.2)
        await projected(intake_db)
        after = await published(intake_db)
    assert after == before
    assert group(after, "agencies", BINA_MARGA)["trust"]["score"] == 76.0


async def rebuild(dsn: str, namespace: str) -> None:
    """`python -m intake.projection rebuild`, as an operator runs it."""
    env = {
        **os.environ,
        "DEKAT_DATABASE_URL": dsn,
        "DEKAT_NAMESPACE": namespace,
        **kafka_access.service_env("intake"),
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "intake.projection",
        "rebuild",
        cwd=ROOT,
        env=env,
        stdout=asyncio.subprocess.PIPE,
    )
    out, _ = await process.communicate()
    assert process.returncode == 0, out
    assert b"generation 2" in out


def test_a_published_score_is_recomputed_from_its_own_parts_with_the_formula_of_its_version(
    seeded: dict[str, Any],
) -> None:
    scored = [
        g for plural in ("agencies", "kinds", "kecamatan") for g in seeded[plural] if g["trust"]["score"]
    ]
    assert len(scored) == 3  # Bina Marga, government offices, Menteng
    for g in scored:
        published = g["trust"]
        parts = {name: Part(p["share"], p["n"]) for name, p in published["parts"].items()}
        again = trust.index(parts, published["answers"], trust.FORMULAS[published["version"]])
        assert (again.score, again.low, again.high) == (
            published["score"],
            published["low"],
            published["high"],
        )


async def test_a_week_keeps_its_last_snapshot_and_each_names_its_formula(
    seeded: dict[str, Any], seeded_db: str
) -> None:
    conn = await asyncpg.connect(seeded_db)
    try:
        await db.init_connection(conn)
        monday, tuesday = seeded, {**seeded, "as_of": (AS_OF + timedelta(days=1)).isoformat()}
        earlier = await snapshots.keep(conn, {**seeded, "as_of": (AS_OF - timedelta(days=7)).isoformat()})
        await snapshots.keep(conn, monday)
        kept = await snapshots.keep(conn, tuesday)
        listed = await snapshots.listing(conn)
        assert [s["id"] for s in listed] == [kept.id, earlier.id]
        assert {s["formula"] for s in listed} == {1}
        assert (await snapshots.by_id(conn, kept.id)).document == tuesday  # type: ignore[union-attr]
    finally:
        await conn.close()
