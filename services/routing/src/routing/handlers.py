"""Assigning each submitted request to the agency that leads it, exactly once."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from dekat import outbox, topics
from dekat.db import Connection
from dekat.events import Envelope
from dekat.payloads import SUBMITTED, RequestSubmitted
from dekat.subscriptions import Poison, Subscription

from routing import decisions, store

GROUP = "routing"


async def on_submitted(conn: Connection, event: Envelope) -> None:
    request = submitted(event)
    now = datetime.now(UTC)
    await store.insert_request(conn, request)
    network = await store.load_network(conn)
    decision = decisions.decide(network, request, now)
    if not await store.insert_assignment(conn, request.request_id, decision, now):
        return  # the same request under another event id: it was assigned and announced then
    await outbox.enqueue(
        conn, topics.REQUESTS_ASSIGNED, decisions.assigned_event(request, decision, now, event)
    )
    await outbox.enqueue(
        conn, topics.agency(decision.agency.code), decisions.work_item_event(request, decision, now, event)
    )


def submitted(event: Envelope) -> RequestSubmitted:
    """The payload, if its request id can key our tables; otherwise no retry will ever help."""
    request = event.payload(RequestSubmitted)
    try:
        uuid.UUID(request.request_id)
    except ValueError as error:
        raise Poison(f"request_id {request.request_id!r} is not a UUID") from error
    return request


SUBSCRIPTIONS = [
    Subscription(topics.REQUESTS_SUBMITTED, f"{GROUP}.submitted", {SUBMITTED: on_submitted}),
]
