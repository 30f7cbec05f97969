"""Planning against a real PostgreSQL, through the handlers as the consumers call them: a night's
burst becomes one message per channel with the others recorded as superseded by it, N reporters
get N messages per change, and every (change, reporter) is decided exactly once."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from dekat.db import Pool
from dekat.events import Envelope
from notify import dispatch, handlers, measures
from notify.channels import Outgoing
from notify.handlers import Planning
from notify.links import Links
from notify.notifications import RetryPolicy
from prometheus_client import CollectorRegistry

from tests.integration.notify.events import assigned, contact, new_request, person, status

NIGHT = datetime(2030, 1, 10, 15, 30, tzinfo=UTC)  # 22:30 in Jakarta
SEVEN = datetime(2030, 1, 11, 0, 0, tzinfo=UTC)
LINKS = Links("http://intake", "http://notify", "secret")


def planning_at(clock: list[datetime]) -> Planning:
    return Planning(LINKS, lambda: clock[0])


async def handle(pool: Pool, planning: Planning, *events: Envelope) -> None:
    """Each event in its own transaction, as the subscriptions run them."""
    handler = {"citizen.contact": handlers.on_contact, "request.assigned": handlers.on_assigned}
    for event in events:
        async with pool.acquire() as conn, conn.transaction():
            await handler.get(event.type, handlers.on_status_changed)(conn, event, planning=planning)


async def rows(pool: Pool, request_id: str) -> list[dict[str, Any]]:
    async with pool.acquire() as conn:
        found = await conn.fetch(
            "SELECT id, status_seq, channel, reporter, kind, state, superseded_by, held_until, body"
            " FROM notifications WHERE request_id = $1 ORDER BY reporter, status_seq, channel",
            uuid.UUID(request_id),
        )
    return [dict(r) for r in found]


def night_burst(request_id: str) -> list[Envelope]:
    return [
        assigned(request_id, 1, assigned_at=NIGHT),
        status(request_id, "acknowledged", 2, agency_name="Dinas Bina Marga"),
        status(
            request_id,
            "info_requested",
            3,
            note="Foto lubang dari dekat?",
            deadline=NIGHT + timedelta(days=3),
        ),
        status(request_id, "in_progress", 4, reason="answered"),
        status(request_id, "resolved", 5, note="Lubang sudah ditambal"),
        status(request_id, "reopened", 6, reason="contested"),
    ]


async def test_a_nights_burst_is_one_message_per_channel_at_seven_the_rest_recorded_as_superseded(
    pool: Pool,
) -> None:
    request_id, who = new_request(), person()
    clock = [NIGHT]
    planning = planning_at(clock)
    await handle(
        pool,
        planning,
        contact(request_id, who, channels=["email"], submitted_at=NIGHT),
        *night_burst(request_id),
    )

    found = await rows(pool, request_id)
    live = [r for r in found if r["state"] == "created"]
    assert [r["status_seq"] for r in found] == [0, 1, 2, 3, 4, 5, 6]
    assert [(r["status_seq"], r["held_until"]) for r in live] == [(6, SEVEN)]
    assert {r["superseded_by"] for r in found if r["state"] == "superseded"} == {live[0]["id"]}
    body = live[0]["body"]
    assert "Keberatan Anda sudah kami terima" in body
    assert "Posisi permintaan Anda sekarang: dibuka kembali (Dinas Bina Marga)." in body
    for line in (
        "permintaan diterima",
        "ditangani Dinas Bina Marga",
        "Dinas Bina Marga meminta informasi",
        "diselesaikan",
    ):
        assert line in body

    sent = await release_at_seven(pool, clock)
    assert [m.id for m in sent] == [live[0]["id"]]


async def release_at_seven(pool: Pool, clock: list[datetime]) -> list[Outgoing]:
    sent: list[Outgoing] = []

    async def email(message: Outgoing) -> str | None:
        sent.append(message)
        return None

    d = dispatch.Dispatcher(
        pool=lambda: pool,
        channels={"email": email},
        providers={"email": "smtp"},
        clock=lambda: clock[0],
        policy=RetryPolicy(),
        lease=timedelta(seconds=30),
        measures=measures.create(CollectorRegistry()),
    )
    assert await dispatch.drain(d) == 0  # still night: everything held
    clock[0] = SEVEN
    await dispatch.drain(d)
    return sent


async def test_a_redelivered_burst_changes_nothing(pool: Pool) -> None:
    request_id, who = new_request(), person()
    planning = planning_at([NIGHT])
    events = [contact(request_id, who, channels=["sms"], submitted_at=NIGHT), *night_burst(request_id)]
    await handle(pool, planning, *events)
    before = await rows(pool, request_id)

    await handle(pool, planning, *reversed(events))

    assert await rows(pool, request_id) == before


async def test_in_daytime_nothing_is_superseded_every_change_is_its_own_message(pool: Pool) -> None:
    request_id, who = new_request(), person()
    noon = [NIGHT - timedelta(hours=10)]
    await handle(
        pool, planning_at(noon), contact(request_id, who, channels=["email"]), *night_burst(request_id)
    )

    assert {r["state"] for r in await rows(pool, request_id)} == {"created"}


async def test_three_reporters_get_three_messages_for_each_change_each_with_their_own_secret(
    pool: Pool,
) -> None:
    request_id = new_request()
    noon = planning_at([NIGHT - timedelta(hours=10)])
    since = datetime(2020, 1, 1, tzinfo=UTC)  # before the changes (the builders date them now)
    reporters = [
        contact(request_id, person(), channels=["sms"], link_token="tok-submitter", submitted_at=since),
        contact(
            request_id, person(), channels=["sms"], reporter_id="r-2", link_token="tok-2", submitted_at=since
        ),
        contact(
            request_id,
            person(),
            channels=["email"],
            reporter_id="r-3",
            link_token="tok-3",
            submitted_at=since,
        ),
    ]
    await handle(pool, noon, *reporters, assigned(request_id, 1), status(request_id, "acknowledged", 2))
    await handle(pool, noon, reporters[1], status(request_id, "acknowledged", 2))  # redelivered

    found = await rows(pool, request_id)
    assert sorted((r["reporter"], r["status_seq"], r["channel"]) for r in found) == [
        ("", 0, "sms"), ("", 1, "sms"), ("", 2, "sms"),
        ("r-2", 0, "sms"), ("r-2", 1, "sms"), ("r-2", 2, "sms"),
        ("r-3", 0, "email"), ("r-3", 1, "email"), ("r-3", 2, "email"),
    ]  # fmt: skip
    for r in found:
        token = {"": "tok-submitter", "r-2": "tok-2", "r-3": "tok-3"}[r["reporter"]]
        assert f"k={token}" in r["body"]
    async with pool.acquire() as conn:
        decided = await conn.fetch(
            "SELECT reporter, status_seq, outcome FROM planned WHERE request_id = $1", uuid.UUID(request_id)
        )
    assert len(decided) == 9
    assert {d["outcome"] for d in decided} == {"notified"}


async def test_a_citizen_who_follows_later_is_told_where_it_stands_then_only_what_comes_after(
    pool: Pool,
) -> None:
    request_id = new_request()
    clock = [NIGHT - timedelta(hours=10)]
    noon = planning_at(clock)
    submitted = datetime(2030, 1, 10, 1, 0, tzinfo=UTC)
    await handle(
        pool,
        noon,
        contact(request_id, person(), channels=["email"], submitted_at=submitted),
        assigned(request_id, 1, assigned_at=submitted),
        status(request_id, "in_progress", 2, changed_at=submitted + timedelta(minutes=5)),
    )
    follows = submitted + timedelta(hours=1)
    await handle(
        pool, noon, contact(request_id, person(), channels=["email"], reporter_id="r-2", submitted_at=follows)
    )
    await handle(
        pool, noon, status(request_id, "resolved", 3, changed_at=follows + timedelta(hours=1), note="Selesai")
    )

    follower = [r for r in await rows(pool, request_id) if r["reporter"] == "r-2"]
    assert [(r["status_seq"], r["kind"]) for r in follower] == [(0, "received"), (3, "resolved")]
    assert "Anda kini mengikuti permintaan" in follower[0]["body"]
    assert "Posisinya sekarang: sedang dikerjakan (Dinas Bina Marga)." in follower[0]["body"]
    async with pool.acquire() as conn:
        skipped = await conn.fetch(
            "SELECT status_seq FROM planned WHERE request_id = $1 AND reporter = 'r-2'"
            " AND outcome = 'before_following'",
            uuid.UUID(request_id),
        )
    assert sorted(r["status_seq"] for r in skipped) == [1, 2]


async def test_a_citizen_who_cannot_be_reached_on_their_channels_leaves_a_failed_record_saying_why(
    pool: Pool,
) -> None:
    request_id, who = new_request(), person()
    noon = planning_at([NIGHT - timedelta(hours=10)])
    await handle(pool, noon, contact(request_id, who, channels=["sms"], phone=None), assigned(request_id, 1))

    async with pool.acquire() as conn:
        found = await conn.fetch(
            "SELECT status_seq, channel, state, failure FROM notifications WHERE request_id = $1"
            " ORDER BY status_seq",
            uuid.UUID(request_id),
        )
    assert [tuple(r) for r in found] == [
        (0, "sms", "failed", "no_address"),
        (1, "sms", "failed", "no_address"),
    ]
