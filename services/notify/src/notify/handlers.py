"""Learning how to reach citizens and what happened to their requests; planning what to tell them."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from dekat import topics
from dekat.db import Connection
from dekat.events import Envelope
from dekat.payloads import (
    ASSIGNED,
    CONTACT,
    ERASED,
    STATUS_CHANGED,
    CitizenContact,
    CitizenErased,
    RequestAssigned,
    RequestStatusChanged,
)
from dekat.subscriptions import Poison, Subscription

from notify import changes, deliveries, erasure, planning, preferences, store
from notify.changes import Change
from notify.clock import Clock
from notify.contacts import SUBMITTER, Contact
from notify.links import Links
from notify.preferences import Preferences, QuietHours
from notify.wording import Telling

GROUP = "notify"


@dataclass(frozen=True)
class Planning:
    links: Links
    clock: Clock
    quiet: QuietHours = preferences.NIGHT


async def on_contact(conn: Connection, event: Envelope, *, planning: Planning) -> None:
    c = event.payload(CitizenContact)
    request_id = canonical(c.request_id)
    await store.lock_request(conn, request_id)
    if await erasure.erased(conn, request_id):
        return  # a contact replayed after the erasure is not stored again
    await store.save_contact(conn, contact_of(request_id, c))
    await store.save_change(conn, changes.received(request_id, c.submitted_at or event.time, urgent=c.urgent))
    await plan(conn, request_id, planning)


async def on_erased(conn: Connection, event: Envelope) -> None:
    e = event.payload(CitizenErased)
    request_id = canonical(e.request_id)
    await store.lock_request(conn, request_id)
    await erasure.forget(conn, request_id, e.erased_at)


async def on_assigned(conn: Connection, event: Envelope, *, planning: Planning) -> None:
    a = event.payload(RequestAssigned)
    request_id = canonical(a.request_id)
    await store.lock_request(conn, request_id)
    await store.saw(conn, request_id, a.status_seq)
    await store.save_assignment(conn, request_id, a.agency_name, a.status_seq)
    await store.save_change(conn, changes.from_assigned(request_id, a))
    await plan(conn, request_id, planning)


async def on_status_changed(conn: Connection, event: Envelope, *, planning: Planning) -> None:
    s = event.payload(RequestStatusChanged)
    request_id = canonical(s.request_id)
    change = changes.from_status(request_id, s)
    if change is None:
        await store.saw(conn, request_id, s.status_seq)
        return
    await store.lock_request(conn, request_id)
    await store.saw(conn, request_id, s.status_seq)
    await store.save_change(conn, change)
    await plan(conn, request_id, planning)


async def plan(conn: Connection, request_id: str, planning: Planning) -> None:
    """For every reporter known, every change not yet decided on: decided once, recorded in
    `planned`; the unique key (request, status_seq, channel, reporter) does the rest."""
    known = await store.changes_of(conn, request_id)
    now = planning.clock()
    for contact in await store.contacts(conn, request_id):
        done = await store.planned_seqs(conn, request_id, contact.reporter)
        for change in (c for c in known if c.status_seq not in done):
            await plan_one(conn, contact, change, known, planning, now)


async def plan_one(
    conn: Connection, contact: Contact, change: Change, known: list[Change], p: Planning, now: datetime
) -> None:
    held = await deliveries.held(conn, contact.request_id, contact.reporter, now=now)
    telling = Telling(change, standing=known[-1], previous=changes.cause_of(known, change))
    decided = planning.plan(contact, telling, links=p.links, now=now, quiet=p.quiet, held=held)
    for n in decided.notifications:
        if await deliveries.add_notification(conn, n) and decided.supersedes:
            await deliveries.supersede(conn, decided.supersedes, by=n.id)
    await store.mark_planned(conn, contact.request_id, contact.reporter, change.status_seq, decided.outcome)


def contact_of(request_id: str, c: CitizenContact) -> Contact:
    prefs = preferences.normalised(Preferences(tuple(c.channels), c.language, timezone=c.timezone))
    return Contact(
        request_id=request_id,
        tracking_code=c.tracking_code,
        name=c.name,
        email=c.email,
        phone=c.phone,
        prefs=prefs,
        submitted_at=c.submitted_at,
        reporter=c.reporter_id or SUBMITTER,
        link_token=c.link_token,
    )


def canonical(request_id: str) -> str:
    """One spelling per request id, so locks and keys agree; not a UUID at all is poison."""
    try:
        return str(UUID(request_id))
    except ValueError as error:
        raise Poison(f"request_id {request_id!r} is not a UUID") from error


def subscriptions(planning: Planning) -> list[Subscription]:
    return [
        Subscription(
            topics.CITIZENS_CONTACT,
            f"{GROUP}.contact",
            {CONTACT: functools.partial(on_contact, planning=planning), ERASED: on_erased},
        ),
        Subscription(
            topics.REQUESTS_ASSIGNED,
            f"{GROUP}.assigned",
            {ASSIGNED: functools.partial(on_assigned, planning=planning)},
        ),
        Subscription(
            topics.REQUESTS_STATUS,
            f"{GROUP}.status",
            {STATUS_CHANGED: functools.partial(on_status_changed, planning=planning)},
        ),
    ]
