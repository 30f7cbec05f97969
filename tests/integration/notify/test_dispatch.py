"""The dispatcher against a real PostgreSQL: order per request with several workers, leases,
backoff, failover, and exactly one call per attempt. Channels are fakes we own."""

from __future__ import annotations

import asyncio
import random
import uuid
from datetime import UTC, datetime, timedelta

from dekat.db import Pool
from notify import deliveries, dispatch, measures, planning, store
from notify.changes import Change
from notify.channels import Outgoing, PermanentFailure, TemporaryFailure
from notify.contacts import Contact
from notify.links import Links
from notify.notifications import RetryPolicy
from notify.preferences import Preferences
from notify.wording import Telling
from prometheus_client import CollectorRegistry

NOW = datetime(2030, 1, 10, 3, 0, tzinfo=UTC)  # 10:00 in Jakarta
LINKS = Links("http://intake", "http://notify", "secret")


class Provider:
    """Records what it was asked to send, optionally failing or slowly."""

    def __init__(self, fail: Exception | None = None) -> None:
        self.sent: list[Outgoing] = []
        self.fail = fail

    async def send(self, message: Outgoing) -> str | None:
        await asyncio.sleep(random.uniform(0, 0.02))
        if self.fail is not None:
            raise self.fail
        self.sent.append(message)
        return f"id-{len(self.sent)}"


def dispatcher(pool: Pool, clock: list[datetime], **channels: Provider) -> dispatch.Dispatcher:
    return dispatch.Dispatcher(
        pool=lambda: pool,
        channels={name: p.send for name, p in channels.items()},
        providers={name: name for name in channels},
        clock=lambda: clock[0],
        policy=RetryPolicy(timedelta(seconds=1), timedelta(seconds=8), max_attempts=3),
        lease=timedelta(seconds=30),
        measures=measures.create(CollectorRegistry()),
    )


async def plan(
    pool: Pool, channels: tuple[str, ...], seqs: range, *, now: datetime = NOW, unseen: tuple[int, ...] = ()
) -> str:
    """The changes `seqs` planned for one reporter; notify has seen every change before them but `unseen`."""
    request_id = str(uuid.uuid4())
    contact = Contact(request_id, "DK-TEST", "Siti", "siti@example.org", "+62 812", Preferences(channels))
    async with pool.acquire() as conn, conn.transaction():
        await store.save_contact(conn, contact)
        for seq in range(1, seqs.stop):
            if seq not in unseen:
                await store.saw(conn, request_id, seq)
        for seq in seqs:
            change = Change(request_id, seq, "in_progress", now, status="in_progress")
            (notification,) = planning.plan(
                contact, Telling(change, change), links=LINKS, now=now
            ).notifications
            await deliveries.add_notification(conn, notification)
    return request_id


async def states(pool: Pool, request_id: str) -> list[tuple[int, str, str, int]]:
    async with pool.acquire() as conn:
        rows = await deliveries.listing(conn, request_id=uuid.UUID(request_id))
    return [(r["status_seq"], r["channel"], r["state"], r["attempts"]) for r in rows]


async def test_several_workers_still_send_one_requests_changes_in_status_order(pool: Pool) -> None:
    sms = Provider()
    requests = [await plan(pool, ("sms",), range(1, 9)) for _ in range(3)]
    d = dispatcher(pool, [NOW], sms=sms)

    await asyncio.gather(*(dispatch.drain(d) for _ in range(4)))

    assert len(sms.sent) == 24
    position = {message.id: at for at, message in enumerate(sms.sent)}
    for request_id in requests:
        async with pool.acquire() as conn:
            rows = await conn.fetch(
                "SELECT id, state FROM notifications WHERE request_id = $1 ORDER BY status_seq",
                uuid.UUID(request_id),
            )
        sent_at = [position[r["id"]] for r in rows]
        assert sent_at == sorted(sent_at)
        assert {r["state"] for r in rows} == {"sent"}


async def test_a_temporary_failure_is_retried_only_once_its_backoff_has_passed(pool: Pool) -> None:
    flaky = Provider(fail=TemporaryFailure("503"))
    request_id = await plan(pool, ("sms",), range(1, 2))
    clock = [NOW]
    d = dispatcher(pool, clock, sms=flaky)

    assert await dispatch.drain(d) == 1
    assert await dispatch.drain(d) == 0  # not due yet
    flaky.fail = None
    clock[0] = NOW + timedelta(seconds=1)  # the longest the first backoff can be
    assert await dispatch.drain(d) == 1

    assert await states(pool, request_id) == [(1, "sms", "sent", 2)]
    assert len(flaky.sent) == 1


async def test_a_message_failing_for_good_goes_out_on_the_next_channel(pool: Pool) -> None:
    whatsapp, email = Provider(fail=PermanentFailure("422 unreachable")), Provider()
    request_id = await plan(pool, ("whatsapp", "email"), range(1, 2))

    await dispatch.drain(dispatcher(pool, [NOW], whatsapp=whatsapp, email=email))

    assert await states(pool, request_id) == [(1, "whatsapp", "failed", 1), (1, "email", "sent", 1)]
    assert [m.to for m in email.sent] == ["siti@example.org"]
    assert email.sent[0].body.startswith("Yth. Siti,")  # the email's own text, not the WhatsApp one


async def test_a_message_to_a_number_that_replied_stop_since_is_not_sent_and_says_why(pool: Pool) -> None:
    sms, email = Provider(), Provider()
    request_id = await plan(pool, ("sms", "email"), range(1, 2))
    async with pool.acquire() as conn:
        await store.opt_out(conn, "sms", "+62 812")

    await dispatch.drain(dispatcher(pool, [NOW], sms=sms, email=email))

    assert sms.sent == []
    assert await states(pool, request_id) == [(1, "sms", "failed", 1), (1, "email", "sent", 1)]
    async with pool.acquire() as conn:
        (failed, *_) = await deliveries.listing(conn, request_id=uuid.UUID(request_id))
    assert failed["failure"] == "opted_out"


async def test_out_of_attempts_the_failure_says_too_many_attempts(pool: Pool) -> None:
    request_id = await plan(pool, ("sms",), range(1, 2))
    d = dispatcher(pool, [NOW], sms=Provider(fail=TemporaryFailure("provider answered 503")))
    for step in range(3):
        d = dispatcher(
            pool,
            [NOW + timedelta(minutes=step)],
            sms=Provider(fail=TemporaryFailure("provider answered 503")),
        )
        await dispatch.drain(d)

    async with pool.acquire() as conn:
        (row,) = await deliveries.listing(conn, request_id=uuid.UUID(request_id))
    assert (row["state"], row["failure"], row["last_error"]) == (
        "failed",
        "too_many_attempts",
        "provider answered 503",
    )


async def test_out_of_attempts_on_every_channel_the_failure_is_recorded_for_good(pool: Pool) -> None:
    down = Provider(fail=TemporaryFailure("503"))
    request_id = await plan(pool, ("sms",), range(1, 2))
    clock = [NOW]
    d = dispatcher(pool, clock, sms=down)

    for step in range(3):
        clock[0] = NOW + timedelta(minutes=step)
        await dispatch.drain(d)

    assert await states(pool, request_id) == [(1, "sms", "failed", 3)]


async def test_a_message_whose_sender_vanished_is_taken_again_after_its_lease_with_the_same_id(
    pool: Pool,
) -> None:
    sms = Provider()
    request_id = await plan(pool, ("sms",), range(1, 2))
    async with pool.acquire() as conn:
        claimed = await deliveries.claim_due(conn, now=NOW, lease_until=NOW + timedelta(seconds=30))
    assert claimed is not None  # …and then the process died

    clock = [NOW + timedelta(seconds=29)]
    assert await dispatch.drain(dispatcher(pool, clock, sms=sms)) == 0
    clock[0] = NOW + timedelta(seconds=30)
    assert await dispatch.drain(dispatcher(pool, clock, sms=sms)) == 1

    assert [m.id for m in sms.sent] == [claimed.id]
    assert await states(pool, request_id) == [(1, "sms", "sent", 2)]


async def test_a_change_waits_for_an_earlier_one_still_on_its_way_on_the_other_topic(pool: Pool) -> None:
    sms = Provider()
    request_id = await plan(pool, ("sms",), range(2, 3), unseen=(1,))  # acknowledged before assigned
    d = dispatcher(pool, [NOW], sms=sms)

    await dispatch.drain(d)
    assert sms.sent == []
    async with pool.acquire() as conn:
        await store.saw(conn, request_id, 1)
    await dispatch.drain(d)
    assert [(seq, state) for seq, _, state, _ in await states(pool, request_id)] == [(2, "sent")]


async def test_a_change_whose_earlier_one_never_comes_is_sent_after_a_while(pool: Pool) -> None:
    sms = Provider()
    request_id = await plan(pool, ("sms",), range(2, 3), unseen=(1,))  # the assignment parked in a DLQ
    clock = [NOW]
    d = dispatcher(pool, clock, sms=sms)

    await dispatch.drain(d)
    assert sms.sent == []
    clock[0] = NOW + timedelta(seconds=deliveries.GAP_WAIT_SECONDS + 1)
    await dispatch.drain(d)
    assert [(seq, state) for seq, _, state, _ in await states(pool, request_id)] == [(2, "sent")]
