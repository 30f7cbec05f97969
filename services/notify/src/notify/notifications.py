"""Deciding what to tell a citizen, and what becomes of a message after each sending attempt."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from notify import messages

State = Literal["created", "sending", "sent", "failed"]

MAX_ATTEMPTS = 5
FIRST_RETRY = timedelta(seconds=30)
LAST_RETRY = timedelta(minutes=10)

IDS = uuid.UUID("6b1f7c2e-4d0a-4a53-9a57-1d2c8e0b9f41")
"""Namespace of notification ids: one id per (request, change, channel), whoever computes it."""


@dataclass(frozen=True)
class Contact:
    request_id: str
    tracking_code: str
    name: str | None
    email: str | None
    phone: str | None
    language: str = "id"


@dataclass(frozen=True)
class Assignment:
    request_id: str
    agency_code: str
    agency_name: str
    status_seq: int
    resolve_by: datetime | None = None


@dataclass(frozen=True)
class Notification:
    id: uuid.UUID
    request_id: str
    status_seq: int
    channel: str
    kind: str
    recipient: str
    subject: str
    body: str


@dataclass(frozen=True)
class Outcome:
    """A notification's state after one sending attempt."""

    state: State
    attempts: int
    last_error: str | None
    due_at: datetime
    sent_at: datetime | None = None


def notification_id(request_id: str, status_seq: int, channel: str) -> uuid.UUID:
    return uuid.uuid5(IDS, f"{request_id}/{status_seq}/{channel}")


def status_url(public_url: str, request_id: str) -> str:
    return f"{public_url.rstrip('/')}/v1/requests/{request_id}"


def assigned_email(
    contact: Contact | None, assignment: Assignment | None, *, public_url: str
) -> Notification | None:
    """The email telling the citizen who handles the request; None until we know both, or no email."""
    if contact is None or assignment is None or not contact.email:
        return None
    message = messages.render(
        "assigned",
        contact.language,
        {
            "name": contact.name,
            "tracking_code": contact.tracking_code,
            "agency_name": assignment.agency_name,
            "resolve_by": assignment.resolve_by,
            "status_url": status_url(public_url, contact.request_id),
        },
    )
    return Notification(
        id=notification_id(contact.request_id, assignment.status_seq, "email"),
        request_id=contact.request_id,
        status_seq=assignment.status_seq,
        channel="email",
        kind="assigned",
        recipient=contact.email,
        subject=message.subject,
        body=message.body,
    )


def after_attempt(attempts_before: int, error: str | None, *, now: datetime) -> Outcome:
    """Sent, or retried later with backoff, or failed for good after MAX_ATTEMPTS."""
    attempts = attempts_before + 1
    if error is None:
        return Outcome("sent", attempts, None, due_at=now, sent_at=now)
    if attempts >= MAX_ATTEMPTS:
        return Outcome("failed", attempts, error, due_at=now)
    return Outcome("created", attempts, error, due_at=now + retry_delay(attempts))


def retry_delay(attempts: int) -> timedelta:
    """30 s, 1 min, 2 min, 4 min…, at most 10 min: an SMTP outage of minutes loses nothing."""
    return min(FIRST_RETRY * (1 << min(max(attempts - 1, 0), 16)), LAST_RETRY)
