"""A message to one reporter about one change on one channel, and what becomes of it.

A notification lives as: created → sending → sent → delivered. A temporary failure goes back to
created, due again after an exponential backoff with jitter; a permanent failure, or too many
temporary ones, ends in failed (with the reason), and the next channel the citizen accepts
takes over. A message still held for quiet hours when a newer one is planned for the same
reporter and channel ends in superseded, naming the message that tells it instead.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Literal

from notify import failures
from notify.failures import Failure

State = Literal["created", "sending", "sent", "delivered", "failed", "superseded"]
STATES: tuple[State, ...] = ("created", "sending", "sent", "delivered", "failed", "superseded")

IDS = uuid.UUID("6b1f7c2e-4d0a-4a53-9a57-1d2c8e0b9f41")
"""Namespace of notification ids: one id per (request, change, channel, reporter), whoever computes it."""


@dataclass(frozen=True)
class Draft:
    """The message as written for one channel (SMS and WhatsApp short, email in full)."""

    subject: str
    body: str
    template: str


@dataclass(frozen=True)
class Notification:
    id: uuid.UUID
    request_id: str
    status_seq: int
    channel: str
    kind: str
    template: str
    recipient: str
    subject: str
    body: str
    due_at: datetime
    urgent: bool = False
    held_until: datetime | None = None
    created_at: datetime | None = None
    """notify's time when planned (its clock may be a movable one); the database's now() if None."""
    reporter: str = ""
    drafts: dict[str, Draft] = field(default_factory=dict)
    """The same message written for each channel the reporter accepts: failover sends these."""
    state: State = "created"
    failure: Failure | None = None
    error: str | None = None


@dataclass(frozen=True)
class Sent:
    provider_id: str | None = None


@dataclass(frozen=True)
class Failed:
    error: str
    permanent: bool
    failure: Failure | None = None
    """Why, when it is not the provider's refusal (permanent) or its being down (temporary)."""


@dataclass(frozen=True)
class RetryPolicy:
    first: timedelta = timedelta(seconds=30)
    longest: timedelta = timedelta(minutes=10)
    max_attempts: int = 6


@dataclass(frozen=True)
class AttemptResult:
    """A notification's state after one sending attempt."""

    state: State
    last_error: str | None
    due_at: datetime
    sent_at: datetime | None = None
    provider_id: str | None = None
    failure: Failure | None = None


def notification_id(request_id: str, status_seq: int, channel: str, reporter: str = "") -> uuid.UUID:
    """The submitter's ids are what they were before requests had several reporters."""
    suffix = f"/{reporter}" if reporter else ""
    return uuid.uuid5(IDS, f"{request_id}/{status_seq}/{channel}{suffix}")


def retry_delay(attempts: int, policy: RetryPolicy, jitter: float) -> timedelta:
    """Exponential backoff, capped, with half of it jittered (`jitter` in [0, 1)) so retries spread."""
    ceiling = min(policy.first * (1 << min(max(attempts - 1, 0), 20)), policy.longest)
    return ceiling / 2 + ceiling / 2 * jitter


def after_attempt(
    attempts: int, result: Sent | Failed, *, now: datetime, policy: RetryPolicy, jitter: float
) -> AttemptResult:
    """Sent; or due again after a backoff; or failed for good, saying why."""
    if isinstance(result, Sent):
        return AttemptResult("sent", None, due_at=now, sent_at=now, provider_id=result.provider_id)
    if result.permanent:
        return AttemptResult("failed", result.error, due_at=now, failure=result.failure or "refused")
    if attempts >= policy.max_attempts:
        return AttemptResult("failed", result.error, due_at=now, failure="too_many_attempts")
    return AttemptResult("created", result.error, due_at=now + retry_delay(attempts, policy, jitter))


def after_receipt(state: str, delivered: bool) -> State | None:
    """The state a provider's receipt moves a notification to; None when it changes nothing."""
    if state not in ("sending", "sent"):
        return None
    return "delivered" if delivered else "failed"


def reason(failure: Failure | None, channel: str, detail: str | None) -> str | None:
    """The sentence the log shows for a failed notification."""
    return failures.explained(failure, channel, detail) if failure else detail
