"""Sending what the handlers planned: claim one due notification, send it, record the outcome."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import UTC, datetime

import asyncpg
from dekat.db import Connection, Pool
from dekat.service import Runtime

from notify import mailer, store
from notify.notifications import after_attempt

log = logging.getLogger(__name__)

CHANNEL = "notifications"


async def run(runtime: Runtime, *, send: mailer.Send, poll_seconds: float) -> None:
    """Forever; a crash between SMTP accepting and the commit resends once (issue 5: idempotency keys)."""
    while True:
        try:
            await _listen_and_drain(runtime, send, poll_seconds)
        except asyncio.CancelledError:
            raise
        except Exception as error:  # the rows wait in the table: start over
            log.warning("dispatcher restarting: %r", error)
            await asyncio.sleep(poll_seconds)


async def _listen_and_drain(runtime: Runtime, send: mailer.Send, poll_seconds: float) -> None:
    """Wake on NOTIFY, and poll too: notifications are lost while the listener is disconnected."""
    wake = asyncio.Event()
    listener: Connection = await asyncpg.connect(runtime.settings.database_url, timeout=5)
    try:
        await listener.add_listener(CHANNEL, lambda *_: wake.set())
        while not listener.is_closed():
            wake.clear()
            await drain(runtime.pool, send)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(wake.wait(), timeout=poll_seconds)
    finally:
        await listener.close()


async def drain(pool: Pool, send: mailer.Send) -> int:
    """Send until nothing is due; returns how many attempts were made."""
    attempts = 0
    while await send_one(pool, send):
        attempts += 1
    return attempts


async def send_one(pool: Pool, send: mailer.Send) -> bool:
    """One notification, one transaction: the row stays locked while it is sent; False if none is due."""
    async with pool.acquire() as conn, conn.transaction():
        due = await store.claim_due(conn)
        if due is None:
            return False
        error = await attempt(send, mailer.Email(due.id, due.recipient, due.subject, due.body))
        await store.record_attempt(conn, due.id, after_attempt(due.attempts, error, now=datetime.now(UTC)))
    return True


async def attempt(send: mailer.Send, email: mailer.Email) -> str | None:
    """None when sent, else why not. Any failure of the provider counts as a failed attempt."""
    try:
        await send(email)
    except Exception as error:
        # Only the type: SMTP replies may quote the recipient's address, which stays out of logs.
        log.warning("sending notification %s failed: %s", email.id, type(error).__name__)
        return f"{type(error).__name__}: {error}"[:1000]
    return None
