"""Learning how to reach citizens and what happened to their requests; planning what to tell them."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from uuid import UUID

from dekat import topics
from dekat.db import Connection
from dekat.events import Envelope
from dekat.payloads import (
    ASSIGNED,
    CONTACT,
    STATUS_CHANGED,
    CitizenContact,
    RequestAssigned,
    RequestStatusChanged,
)
from dekat.subscriptions import Poison, Subscription

from notify import changes, notifications, preferences, store
from notify.clock import Clock
from notify.notifications import Contact, Links
from notify.preferences import Preferences, QuietHours

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
    await store.save_contact(conn, contact_of(request_id, c))
    await store.save_change(conn, changes.received(request_id, c.submitted_at or event.time, urgent=c.urgent))
    await plan(conn, request_id, planning)


async def on_assigned(conn: Connection, event: Envelope, *, planning: Planning) -> None:
    a = event.payload(RequestAssigned)
    request_id = canonical(a.request_id)
    await store.lock_request(conn, request_id)
    await store.save_assignment(conn, request_id, a.agency_name, a.status_seq)
    await store.save_change(conn, changes.from_assigned(request_id, a))
    await plan(conn, request_id, planning)


async def on_status_changed(conn: Connection, event: Envelope, *, planning: Planning) -> None:
    s = event.payload(RequestStatusChanged)
    request_id = canonical(s.request_id)
    change = changes.from_status(request_id, s)
    if change is None:
        return
    await store.lock_request(conn, request_id)
    await store.save_change(conn, change)
    await plan(conn, request_id, planning)


async def plan(conn: Connection, request_id: str, planning: Planning) -> None:
    """Once the contact is known, turn every change not yet told into a message; the unique key
    (request, status_seq, channel) makes a second message for the same change impossible."""
    contact = await store.contact(conn, request_id)
    if contact is None:
        return
    now = planning.clock()
    for change in await store.unplanned_changes(conn, request_id):
        notification = notifications.first(contact, change, planning.links, now=now, quiet=planning.quiet)
        if notification is not None:
            await store.add_notification(conn, notification)
        await store.mark_planned(conn, request_id, change.status_seq)


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
            {CONTACT: functools.partial(on_contact, planning=planning)},
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
