"""What citizens and staff ask intake to do, each a recipe: load → decide (pure) → save + outbox.

The caller owns the transaction (see `idempotency.once`) and has checked the submission already.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from dekat import outbox, topics
from dekat.db import Connection
from dekat.events import new_event
from dekat.payloads import FEEDBACK, RequestFeedback

from intake import reporters, store, submissions
from intake.catalogue import Catalogue
from intake.reporters import SAID, CitizenMessage, Reporter
from intake.requests import contact_event, new_tracking_code, submitted_event
from intake.statuses import Action, refusal
from intake.submissions import Identity, Submission


@dataclass(frozen=True)
class Receipt:
    id: str
    tracking_code: str
    token: str | None
    status: str
    created: bool
    """False when a device re-sent an item that had already become this request."""
    reporter_key: str | None = None
    """The submitter's secret for rating, answering and contesting (given once, at submission)."""


def fresh_identity() -> Identity:
    return Identity(str(uuid.uuid4()), new_tracking_code(), uuid.uuid4().hex)


async def submit(conn: Connection, s: Submission, now: datetime, catalogue: Catalogue) -> Receipt:
    if s.source is not None and s.client_id is not None:
        seen = await store.client_item(conn, s.channel, s.source, s.client_id)
        if seen is not None:
            return Receipt(seen["id"], seen["tracking_code"], None, seen["status"], created=False)
    r = submissions.accept(s, fresh_identity(), now, catalogue)
    await store.insert_request(conn, r)
    reporter = reporters.new_reporter(r.id, "submitter", now)
    await store.insert_reporter(conn, reporter)
    submitted = submitted_event(r, s.citizen)
    await outbox.enqueue(conn, topics.REQUESTS_SUBMITTED, submitted)
    if s.citizen is not None:
        await store.insert_contact(conn, r.id, reporter.reporter_id, s.citizen)
        contact = contact_event(r, s.citizen, submitted, reporter)
        await outbox.enqueue(conn, topics.CITIZENS_CONTACT, contact)
    return Receipt(r.id, r.tracking_code, r.token, r.status, created=True, reporter_key=reporter.link_token)


@dataclass(frozen=True)
class Feedback:
    action: Action
    rating: int | None = None
    comment: str | None = None


async def give_feedback(
    conn: Connection, request: dict[str, Any], reporter: Reporter, feedback: Feedback, now: datetime
) -> str | None:
    """Keep what the citizen said and pass it on to routing; why not, if the status forbids it."""
    if why_not := refusal(feedback.action, request["status"]):
        return why_not
    said = CitizenMessage(
        request["id"], reporter.reporter_id, SAID[feedback.action], feedback.comment, feedback.rating, now
    )
    if said.text is not None or said.rating is not None:
        await store.add_citizen_message(conn, said)
    data = RequestFeedback(
        request_id=request["id"],
        action=feedback.action,
        rating=feedback.rating,
        comment=feedback.comment,
        given_at=now,
        reporter_id=reporter.reporter_id,
    )
    event = new_event(FEEDBACK, subject=request["id"], data=data, source="intake", now=now)
    await outbox.enqueue(conn, topics.REQUESTS_FEEDBACK, event)
    return None
