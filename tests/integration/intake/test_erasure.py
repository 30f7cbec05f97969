"""intake's erasure against the real PostgreSQL: a request done for longer than the period loses
its citizen's personal data, and nothing else; newer, open, and merged-into-open requests keep it."""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest
from dekat import db
from dekat.payloads import ERASED
from intake import commands, erasure, portal_store, store
from intake.photos import Cleaned
from intake.reporters import CitizenMessage
from intake.requests import Contact

from tests.unit.intake.builders import NOW, submission

PERIOD = timedelta(days=30)
PHONE = "+62 813 1234 5678"
CITIZEN = Contact(name="Dewi Lestari", email="dewi@example.id", phone=PHONE, account_id="acc-1")


@pytest.fixture
async def pool(database: str) -> AsyncIterator[db.Pool]:
    pool = await db.create_pool(database)
    await db.migrate(pool, ["dekat", "intake"])
    yield pool
    await pool.close()


async def request(pool: db.Pool, *, status: str, done_days_ago: float, **changes: Any) -> str:
    """A request with a citizen, a photo and a rating with words, `status` since `done_days_ago`."""
    s = submission(**{"citizen": CITIZEN, "description": f"Lubang; telepon saya {PHONE}", **changes})
    async with pool.acquire() as conn, conn.transaction():
        receipt = await commands.submit(conn, s, NOW, catalogue={})
        photo = Cleaned("image/png", b"\x89PNG-pixels", 1, 1)
        await portal_store.insert_photos(conn, receipt.id, [(str(uuid.uuid4()), photo)])
        reporter = await store.submitter(conn, receipt.id)
        assert reporter is not None
        said = CitizenMessage(receipt.id, reporter.reporter_id, "rating", "Terima kasih, Dewi", 5, NOW)
        await store.add_citizen_message(conn, said)
        await conn.execute(
            "UPDATE requests SET status = $2, updated_at = $3 WHERE id = $1",
            receipt.id,
            status,
            NOW - timedelta(days=done_days_ago),
        )
    return receipt.id


async def erase(pool: db.Pool) -> int:
    """Every request due, two to a transaction; how many."""
    total = 0
    while count := await erasure.erase_due(pool, now=NOW, after=PERIOD, batch=2):
        total += count
    return total


async def personal(pool: db.Pool, request_id: str) -> dict[str, Any]:
    """Everything intake keeps about the request that could say who asked."""
    row = await pool.fetchrow(
        "SELECT description, address, lat, long, attributes, media_url, erased_at FROM requests"
        " WHERE id = $1",
        request_id,
    )
    assert row is not None
    return {
        **dict(row),
        "contacts": await pool.fetchval("SELECT count(*) FROM contacts WHERE request_id = $1", request_id),
        "secrets": await pool.fetchval(
            "SELECT count(link_token) FROM reporters WHERE request_id = $1", request_id
        ),
        "photos": await pool.fetchval("SELECT count(*) FROM photos WHERE request_id = $1", request_id),
        "said": await pool.fetchval(
            "SELECT string_agg(text, '') FROM citizen_messages WHERE request_id = $1", request_id
        ),
    }


async def statistics(pool: db.Pool) -> list[dict[str, Any]]:
    """What published numbers are made of: requests per service, status, privacy and day; ratings."""
    rows = await pool.fetch(
        "SELECT service_code, status, privacy, area_code, submitted_at::date AS day, count(*) AS n,"
        " (SELECT avg(rating) FROM citizen_messages m WHERE m.request_id = ANY(array_agg(r.id))) AS rating"
        " FROM requests r GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5"
    )
    return [dict(r) for r in rows]


async def erased_events(pool: db.Pool) -> list[dict[str, Any]]:
    rows = await pool.fetch("SELECT payload FROM outbox WHERE headers->>'x-event-type' = $1", ERASED)
    return [json.loads(bytes(r["payload"])) for r in rows]


async def test_a_request_closed_longer_than_the_period_loses_who_asked_and_keeps_what_happened(
    pool: db.Pool,
) -> None:
    request_id = await request(pool, status="closed", done_days_ago=31, address=f"Jl. Cikini 5, {PHONE}")

    assert await erase(pool) == 1

    assert await personal(pool, request_id) == {
        "description": "Lubang; telepon saya +62 ••• •••• ••••",
        "address": "Jl. Cikini 5, +62 ••• •••• ••••",
        "lat": -6.1951,
        "long": 106.8345,
        "attributes": {},
        "media_url": None,
        "erased_at": NOW,
        "contacts": 0,
        "secrets": 0,
        "photos": 0,
        "said": None,
    }
    rating = await pool.fetchval("SELECT rating FROM citizen_messages WHERE request_id = $1", request_id)
    assert rating == 5


async def test_notify_is_told_in_the_same_transaction_and_the_event_says_nothing_personal(
    pool: db.Pool,
) -> None:
    request_id = await request(pool, status="resolved", done_days_ago=45)

    await erase(pool)

    (event,) = await erased_events(pool)
    assert (event["type"], event["subject"]) == (ERASED, request_id)
    assert event["data"]["request_id"] == request_id
    text = json.dumps(event)
    assert all(trace not in text for trace in ("Dewi", "dewi@", "813", "Lubang"))


async def test_a_confidential_requests_words_place_and_the_agencys_notes_to_its_citizen_go_too(
    pool: db.Pool,
) -> None:
    request_id = await request(
        pool, status="closed", done_days_ago=31, privacy="confidential", address="Jl. Cikini 5"
    )
    await pool.execute(
        "INSERT INTO timeline (request_id, seq, kind, status, at, note)"
        " VALUES ($1, 1, 'status', 'resolved', $2, 'Kami sudah menelepon Ibu Dewi')",
        request_id,
        NOW,
    )

    await erase(pool)

    found = await personal(pool, request_id)
    assert (found["description"], found["address"], found["lat"], found["long"]) == ("", None, None, None)
    notes = await pool.fetch("SELECT note FROM timeline WHERE request_id = $1", request_id)
    assert [r["note"] for r in notes] == [None, None]


async def test_recent_open_and_still_followed_requests_keep_their_citizens(pool: db.Pool) -> None:
    recent = await request(pool, status="closed", done_days_ago=29)
    still_open = await request(pool, status="in_progress", done_days_ago=100)
    case = await request(pool, status="in_progress", done_days_ago=1)
    duplicate = await request(pool, status="closed", done_days_ago=40)
    await pool.execute("UPDATE requests SET merged_into = $2 WHERE id = $1", duplicate, case)

    assert await erase(pool) == 0

    for request_id in (recent, still_open, case, duplicate):
        found = await personal(pool, request_id)
        assert (found["contacts"], found["secrets"], found["photos"]) == (1, 1, 1)
        assert found["erased_at"] is None


async def test_a_merged_request_is_erased_with_its_case_once_both_are_done_long_enough(pool: db.Pool) -> None:
    case = await request(pool, status="closed", done_days_ago=31)
    duplicate = await request(pool, status="closed", done_days_ago=40)
    await pool.execute("UPDATE requests SET merged_into = $2 WHERE id = $1", duplicate, case)

    assert await erase(pool) == 2

    assert {e["subject"] for e in await erased_events(pool)} == {case, duplicate}


async def test_erasure_changes_no_number_the_statistics_are_made_of(pool: db.Pool) -> None:
    for days, privacy in ((31, "public"), (40, "confidential"), (5, "public"), (60, "anonymous")):
        s = {"privacy": privacy} if privacy != "anonymous" else {"privacy": privacy, "citizen": None}
        await request(pool, status="closed", done_days_ago=days, **s)
    before = await statistics(pool)

    assert await erase(pool) == 3

    assert await statistics(pool) == before


async def test_what_was_erased_is_not_erased_again(pool: db.Pool) -> None:
    await request(pool, status="closed", done_days_ago=31)
    assert await erase(pool) == 1

    assert await erase(pool) == 0
    assert len(await erased_events(pool)) == 1


def test_only_a_public_requests_masked_words_are_kept() -> None:
    due = erasure.Due(str(uuid.uuid4()), "public", NOW, f"call {PHONE}", "Jl. Cikini")
    assert erasure.words_kept(due) == erasure.Words("call +62 ••• •••• ••••", "Jl. Cikini", True)
    assert erasure.words_kept(replace(due, privacy="anonymous")) == erasure.Words("", None, False)
