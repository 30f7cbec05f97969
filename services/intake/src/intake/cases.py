"""One case, many reporters: a citizen follows an open public request instead of reporting it
again, and the reporters of a request an agency merged into another move onto that case. Either
way notify learns how to reach them on the case, and routing counts them (recipes in the
caller's transaction)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from dekat import outbox, topics
from dekat.db import Connection
from dekat.events import Envelope, new_event
from dekat.payloads import CONTACT, FEEDBACK, CitizenContact, RequestFeedback
from dekat.vocabulary import OPEN

from intake import reporters, store
from intake.reporters import Reporter
from intake.requests import Contact, reached_by

SOURCE = "intake"


def follow_refusal(case: dict[str, Any]) -> str | None:
    """Why nobody may follow this request now; None if they may."""
    if case["privacy"] != "public":
        return "only a public request can be followed"
    if case["status"] not in ("received", *OPEN) or case.get("merged_into"):
        return "this request is no longer open; report the problem anew"
    return None


async def follow(conn: Connection, case: dict[str, Any], contact: Contact, now: datetime) -> Reporter:
    """The citizen becomes a reporter of the case: told of its next changes, counted by routing."""
    reporter = reporters.new_reporter(case["id"], "follower", now)
    await store.insert_reporter(conn, reporter)
    await store.insert_contact(conn, case["id"], reporter.reporter_id, contact)
    await outbox.enqueue(
        conn, topics.CITIZENS_CONTACT, contact_event(case, case["tracking_code"], reporter, contact, now)
    )
    data = RequestFeedback(
        request_id=case["id"], action="follow", given_at=now, reporter_id=reporter.reporter_id
    )
    await outbox.enqueue(
        conn,
        topics.REQUESTS_FEEDBACK,
        new_event(FEEDBACK, subject=case["id"], data=data, source=SOURCE, now=now),
    )
    return reporter


async def merged(conn: Connection, duplicate_id: str, case_id: str, now: datetime) -> None:
    """The duplicate follows the case: each of its reporters is notify's reporter of the case,
    still reading and answering through the duplicate's own page and key."""
    duplicate = await store.request_by(conn, "id", duplicate_id)
    case = await store.request_by(conn, "id", case_id)
    if duplicate is None or case is None:
        return
    await store.set_merged(conn, duplicate_id, case_id)
    for reporter, contact in await store.contacts_of(conn, duplicate_id):
        event = contact_event(case, duplicate["tracking_code"], reporter, contact, now)
        await outbox.enqueue(conn, topics.CITIZENS_CONTACT, event)


def contact_event(
    case: dict[str, Any], tracking_code: str, reporter: Reporter, c: Contact, now: datetime
) -> Envelope:
    """How to reach a reporter about the case; their links keep the page (and key) they know."""
    data = CitizenContact(
        request_id=case["id"],
        tracking_code=tracking_code,
        reporter_id=reporter.reporter_id,
        link_token=reporter.link_token,
        **reached_by(c),
        privacy=case["privacy"],
        submitted_at=now,  # since when this reporter follows: notify tells them only what comes after
        urgent=False,
    )
    return new_event(CONTACT, subject=case["id"], data=data, source=SOURCE, now=now)
