"""Learning how to reach citizens and who handles their requests; planning what to tell them."""

from __future__ import annotations

import functools
from uuid import UUID

from dekat import topics
from dekat.db import Connection
from dekat.events import Envelope
from dekat.payloads import ASSIGNED, CONTACT, CitizenContact, RequestAssigned
from dekat.subscriptions import Poison, Subscription

from notify import store
from notify.notifications import Assignment, Contact, assigned_email

GROUP = "notify"


async def on_contact(conn: Connection, event: Envelope, *, public_url: str) -> None:
    c = event.payload(CitizenContact)
    contact = Contact(
        request_id=canonical(c.request_id),
        tracking_code=c.tracking_code,
        name=c.name,
        email=c.email,
        phone=c.phone,
        language=c.language,
    )
    await store.lock_request(conn, contact.request_id)
    await store.save_contact(conn, contact)
    await plan(conn, contact.request_id, public_url=public_url)


async def on_assigned(conn: Connection, event: Envelope, *, public_url: str) -> None:
    a = event.payload(RequestAssigned)
    assignment = Assignment(
        request_id=canonical(a.request_id),
        agency_code=a.agency_code,
        agency_name=a.agency_name,
        status_seq=a.status_seq,
        resolve_by=a.resolve_by,
    )
    await store.lock_request(conn, assignment.request_id)
    await store.save_assignment(conn, assignment)
    await plan(conn, assignment.request_id, public_url=public_url)


async def plan(conn: Connection, request_id: str, *, public_url: str) -> None:
    """Once both halves are here, record the message; its unique key makes a second one impossible."""
    contact = await store.contact(conn, request_id)
    assignment = await store.assignment(conn, request_id)
    notification = assigned_email(contact, assignment, public_url=public_url)
    if notification is not None:
        await store.add_notification(conn, notification)


def canonical(request_id: str) -> str:
    """One spelling per request id, so locks and keys agree; not a UUID at all is poison."""
    try:
        return str(UUID(request_id))
    except ValueError as error:
        raise Poison(f"request_id {request_id!r} is not a UUID") from error


def subscriptions(*, public_url: str) -> list[Subscription]:
    return [
        Subscription(
            topics.CITIZENS_CONTACT,
            f"{GROUP}.contact",
            {CONTACT: functools.partial(on_contact, public_url=public_url)},
        ),
        Subscription(
            topics.REQUESTS_ASSIGNED,
            f"{GROUP}.assigned",
            {ASSIGNED: functools.partial(on_assigned, public_url=public_url)},
        ),
    ]
