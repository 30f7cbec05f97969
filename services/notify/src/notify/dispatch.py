"""Sending what the handlers planned, one notification at a time per worker.

Claim (commit: `sending`, attempts + 1, a lease) → call the channel → record the outcome (commit).
A crash between the call and the second commit leaves the row `sending`; once its lease runs out
it is claimed again and sent with the same idempotency key, which providers answer without
sending twice. (SMTP has no such key: there a crash in that window can resend once.)
A database outage in that window is not a crash: the outcome is kept and recorded once the
database answers again, while the lease still holds (`record`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from uuid import UUID

import asyncpg
from dekat import errors
from dekat.db import Connection, Pool
from dekat.service import Runtime

from notify import deliveries, notifications, planning, store
from notify.channels import Outgoing, PermanentFailure, Send, TemporaryFailure
from notify.clock import Clock
from notify.deliveries import Claimed
from notify.measures import Measures
from notify.notifications import AttemptResult, Failed, RetryPolicy, Sent

log = logging.getLogger(__name__)

CHANNEL = "notifications"


@dataclass(frozen=True)
class Dispatcher:
    pool: Callable[[], Pool]
    channels: dict[str, Send]
    providers: dict[str, str]
    """Channel → provider name, for metrics."""
    clock: Clock
    policy: RetryPolicy
    lease: timedelta
    measures: Measures


async def run(runtime: Runtime, *, dispatcher: Dispatcher, poll_seconds: float, workers: int) -> None:
    """Forever; the rows wait in the table whatever happens to this loop."""
    while True:
        try:
            await _listen_and_drain(runtime.settings.database_url, dispatcher, poll_seconds, workers)
        except asyncio.CancelledError:
            raise
        except Exception as error:
            log.warning("dispatcher restarting: %r", error)
            await asyncio.sleep(poll_seconds)


async def _listen_and_drain(dsn: str, d: Dispatcher, poll_seconds: float, workers: int) -> None:
    """Wake on NOTIFY, and poll too: notifications are lost while the listener is disconnected,
    and held or retried messages fall due without anyone inserting anything."""
    wake = asyncio.Event()
    listener: Connection = await asyncpg.connect(dsn, timeout=5)
    try:
        await listener.add_listener(CHANNEL, lambda *_: wake.set())
        while not listener.is_closed():
            wake.clear()
            await asyncio.gather(*(drain(d) for _ in range(workers)))
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(wake.wait(), timeout=poll_seconds)
    finally:
        await listener.close()


async def drain(d: Dispatcher) -> int:
    """Send until nothing is due; returns how many attempts were made."""
    attempts = 0
    while await send_one(d):
        attempts += 1
    return attempts


async def send_one(d: Dispatcher) -> bool:
    """One attempt at one due notification; False if none is due."""
    now = d.clock()
    async with d.pool().acquire() as conn:  # one UPDATE: atomic without BEGIN and COMMIT around it
        claimed = await deliveries.claim_due(conn, now=now, lease_until=now + d.lease)
    if claimed is None:
        return False
    holds_until = time.monotonic() + d.lease.total_seconds() * LEASE_USED
    d.measures.moved(claimed.channel, "sending")
    result = await attempt_unless_stopped(d, claimed)
    await through_outages(lambda: record(d, claimed, result), until=holds_until)
    return True


LEASE_USED = 0.8
"""Past this share of its lease another dispatcher may take the message: stop trying to record."""


async def through_outages(work: Callable[[], Awaitable[None]], *, until: float) -> None:
    """`work`, tried again while the database does not answer (a restart), until `until` (monotonic).

    A sent message whose outcome is not recorded is sent again when its lease runs out: the fault
    suite saw a mail twice after a PostgreSQL restart. Recording it late is better than that.
    """
    delay = 0.2
    while True:
        try:
            return await work()
        except errors.OUTAGES as error:
            if time.monotonic() + delay > until:
                raise
            log.warning("recording an outcome waits for the database: %s", type(error).__name__)
            await asyncio.sleep(delay)
            delay = min(delay * 2, 2.0)


OPTED_OUT = Failed("opted out since it was planned", permanent=True, failure="opted_out")


async def attempt_unless_stopped(d: Dispatcher, c: Claimed) -> Sent | Failed:
    """A reporter who opted out since the message was planned (a STOP reply, the page) gets nothing."""
    async with d.pool().acquire() as conn:
        if await deliveries.opted_out(conn, c):
            return OPTED_OUT
    return await attempt(d.channels.get(c.channel), c)


async def attempt(send: Send | None, c: Claimed) -> Sent | Failed:
    if send is None:
        return Failed(f"no provider for {c.channel}", permanent=True, failure="no_provider")
    try:
        return Sent(await send(Outgoing(c.id, c.channel, c.recipient, c.subject, c.body)))
    except TemporaryFailure as error:
        return Failed(str(error)[:500], permanent=False)
    except PermanentFailure as error:
        return Failed(str(error)[:500], permanent=True)
    except Exception as error:  # an adapter bug must not stop the dispatcher: retry, bounded
        log.exception("sending notification %s failed unexpectedly", c.id)
        return Failed(type(error).__name__, permanent=False)


async def record(d: Dispatcher, c: Claimed, result: Sent | Failed) -> None:
    now = d.clock()
    outcome = notifications.after_attempt(
        c.attempts, result, now=now, policy=d.policy, jitter=random.random()
    )
    async with d.pool().acquire() as conn:
        if outcome.state == "failed":
            async with conn.transaction():  # the failure and its successor on the next channel
                if not await deliveries.record_attempt(conn, c.id, outcome):
                    return  # a receipt got there first
                await fail_over(conn, c.id, now=now)
        elif not await deliveries.record_attempt(conn, c.id, outcome):  # one UPDATE: atomic alone
            return
        submitted = await deliveries.first_sent_of(conn, c.request_id) if outcome.state == "sent" else None
    measure(d, c, result, outcome, submitted, now)


async def fail_over(conn: Connection, notification_id: UUID, *, now: datetime) -> None:
    """The failed message goes out on the citizen's next channel, if there is one left."""
    found = await deliveries.notification(conn, notification_id)
    if found is None:
        return
    failed, _ = found
    contact = await store.contact(conn, failed.request_id, failed.reporter)
    if contact is None:
        return
    tried = await deliveries.tried_channels(conn, failed.request_id, failed.status_seq, failed.reporter)
    successor = planning.failover(failed, contact, tried, now=now)
    if successor is not None:
        await deliveries.add_notification(conn, successor)


def measure(
    d: Dispatcher,
    c: Claimed,
    result: Sent | Failed,
    o: AttemptResult,
    submitted: datetime | None,
    now: datetime,
) -> None:
    m = d.measures
    m.moved(c.channel, o.state)
    if isinstance(result, Failed):
        kind = "permanent" if result.permanent else "temporary"
        m.provider_failures.labels(d.providers.get(c.channel, c.channel), kind).inc()
        if o.state == "created":
            m.retries.labels(c.channel).inc()
    if o.state == "sent":
        m.delivery_latency.labels(c.channel).observe((now - c.created_at).total_seconds())
    if submitted is not None:
        m.first_notification_latency.observe(max((now - submitted).total_seconds(), 0.0))
