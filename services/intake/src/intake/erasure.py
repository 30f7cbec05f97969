"""Personal data is kept no longer than needed (UU PDP 27/2022).

A request done (resolved or closed) for `DEKAT_ERASE_AFTER_DAYS`, and — if it was merged — whose
case is done that long too (its reporters follow the case), loses what says who asked: every
reporter's contact and link secret, its photos and media link, the citizen's own words (a rating
keeps its number), the phone numbers and emails typed into its description and address (already
masked on every public view, so nothing public changes) and, for a confidential or anonymous
request, what every public view withholds of it: its description, point, address and attributes
(the kelurahan or kecamatan it lies in stays). What it was, in which area, when, who handled it
and how it ended stay: the statistics and open data do not move. `citizen.erased`
tells notify to forget its reporters too, in the same transaction (outbox).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from dekat import outbox, topics
from dekat.db import Connection, Pool
from dekat.events import Envelope, new_event
from dekat.payloads import ERASED, CitizenErased
from dekat.service import Runtime
from prometheus_client import Counter

from intake import masking
from intake.config import Settings
from intake.statuses import CLOSED

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Due:
    request_id: str
    privacy: str
    done_since: datetime
    description: str
    address: str | None


@dataclass(frozen=True)
class Words:
    """What is left of the citizen's words about the request."""

    description: str
    address: str | None
    identifying_kept: bool
    """The point, the address ids and the attributes: public for a public request, so kept; for
    any other request withheld from every public view (`views.IDENTIFYING`), so erased."""


def words_kept(due: Due) -> Words:
    """A public request's words are public already, masked; anything else's go."""
    if due.privacy == "public":
        return Words(masking.masked(due.description), masking.masked_or_none(due.address), True)
    return Words("", None, False)


def erased_event(due: Due, now: datetime) -> Envelope:
    data = CitizenErased(request_id=due.request_id, erased_at=now, done_since=due.done_since)
    return new_event(ERASED, subject=due.request_id, data=data, source="intake", now=now)


DUE = (
    "SELECT r.id::text AS request_id, r.privacy, r.updated_at AS done_since, r.description, r.address"
    " FROM requests r LEFT JOIN requests c ON c.id = r.merged_into"
    " WHERE r.erased_at IS NULL AND r.status = ANY($1::text[]) AND r.updated_at < $2"
    " AND (c.id IS NULL OR (c.status = ANY($1::text[]) AND c.updated_at < $2))"
    " ORDER BY r.updated_at LIMIT $3 FOR UPDATE OF r SKIP LOCKED"
)

FORGET = (
    "DELETE FROM contacts WHERE request_id = $1",
    "UPDATE reporters SET link_token = NULL WHERE request_id = $1",
    "DELETE FROM photos WHERE request_id = $1",
    "UPDATE citizen_messages SET text = NULL WHERE request_id = $1",
)

ERASE_REQUEST = (
    "UPDATE requests SET erased_at = $2, media_url = NULL, description = $3, address = $4,"
    " lat = CASE WHEN $5 THEN lat END, long = CASE WHEN $5 THEN long END,"
    " address_id = CASE WHEN $5 THEN address_id END, zipcode = CASE WHEN $5 THEN zipcode END,"
    " attributes = CASE WHEN $5 THEN attributes ELSE '{}' END WHERE id = $1"
)


async def due(conn: Connection, *, now: datetime, after: timedelta, limit: int) -> list[Due]:
    """The oldest requests due for erasure, locked until commit (another instance skips them)."""
    rows = await conn.fetch(DUE, sorted(CLOSED), now - after, limit)
    return [Due(**dict(r)) for r in rows]


async def erase(conn: Connection, d: Due, now: datetime) -> None:
    """Forget who asked (in the caller's transaction) and tell notify to."""
    for sql in FORGET:
        await conn.execute(sql, d.request_id)
    words = words_kept(d)
    await conn.execute(
        ERASE_REQUEST, d.request_id, now, words.description, words.address, words.identifying_kept
    )
    if not words.identifying_kept:  # an agency's words to a confidential citizen may quote them
        await conn.execute("UPDATE timeline SET note = NULL WHERE request_id = $1", d.request_id)
    await outbox.enqueue(conn, topics.CITIZENS_CONTACT, erased_event(d, now))


async def erase_due(pool: Pool, *, now: datetime, after: timedelta, batch: int) -> int:
    """One batch in one transaction; how many requests it erased."""
    async with pool.acquire() as conn, conn.transaction():
        found = await due(conn, now=now, after=after, limit=batch)
        for d in found:
            await erase(conn, d, now)
    return len(found)


async def keep_erasing(
    pool: Callable[[], Pool], *, after: timedelta, every: float, batch: int, erased: Counter
) -> None:
    """Forever: erase what is due, a batch at a time, then wait `every` seconds."""
    while True:
        try:
            while (count := await erase_due(pool(), now=datetime.now(UTC), after=after, batch=batch)) > 0:
                erased.inc(count)
                log.info("erased the personal data of done requests", extra={"count": count})
                if count < batch:
                    break
        except Exception as error:  # the database away for a moment: the next round erases it
            log.warning("erasure round failed: %s", type(error).__name__)
        await asyncio.sleep(every)


def job(settings: Settings, erased: Counter) -> Callable[[Runtime], Awaitable[None]]:
    """A `Runtime.background` job erasing every `retention_every_seconds`."""

    async def erasure(runtime: Runtime) -> None:
        await keep_erasing(
            lambda: runtime.pool,
            after=timedelta(days=settings.erase_after_days),
            every=settings.retention_every_seconds,
            batch=settings.erase_batch_size,
            erased=erased,
        )

    return erasure
