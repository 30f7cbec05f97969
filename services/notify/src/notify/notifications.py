"""What to tell a citizen about a change, on which channel, and what becomes of each message.

A notification lives as: created → sending → sent → delivered. A temporary failure goes back to
created, due again after an exponential backoff with jitter; a permanent failure, or too many
temporary ones, ends in failed, and the next channel the citizen accepts takes over.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Literal

from notify import messages, preferences
from notify.changes import Change
from notify.preferences import Preferences, QuietHours

State = Literal["created", "sending", "sent", "delivered", "failed"]
STATES: tuple[State, ...] = ("created", "sending", "sent", "delivered", "failed")

IDS = uuid.UUID("6b1f7c2e-4d0a-4a53-9a57-1d2c8e0b9f41")
"""Namespace of notification ids: one id per (request, change, channel), whoever computes it."""


@dataclass(frozen=True)
class Contact:
    request_id: str
    tracking_code: str
    name: str | None
    email: str | None
    phone: str | None
    prefs: Preferences = field(default_factory=Preferences)
    submitted_at: datetime | None = None

    def address(self, channel: str) -> str | None:
        return self.email if channel == "email" else self.phone

    def channels(self) -> list[str]:
        """Where this citizen can be reached now, in their order."""
        return preferences.usable_channels(self.prefs, {c: self.address(c) for c in preferences.CHANNELS})


@dataclass(frozen=True)
class Links:
    public_url: str
    """intake: the request's status page, rating and answers."""
    notify_url: str
    """notify: the signed link to change preferences."""
    secret: str
    valid_for: timedelta = timedelta(days=30)

    def context(self, request_id: str, tracking_code: str, language: str, now: datetime) -> dict[str, str]:
        """The citizen's tracking page (rating, contesting and answering happen there too)."""
        page = f"{self.public_url.rstrip('/')}/track/{tracking_code}?lang={language}"
        token = preferences.sign(request_id, now=now, secret=self.secret, valid_for=self.valid_for)
        return {
            "status_url": page,
            "feedback_url": page,
            "preferences_url": f"{self.notify_url.rstrip('/')}/v1/preferences/{token}",
        }


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


@dataclass(frozen=True)
class Sent:
    provider_id: str | None = None


@dataclass(frozen=True)
class Failed:
    error: str
    permanent: bool


@dataclass(frozen=True)
class RetryPolicy:
    first: timedelta = timedelta(seconds=30)
    longest: timedelta = timedelta(minutes=10)
    max_attempts: int = 6


@dataclass(frozen=True)
class Outcome:
    """A notification's state after one sending attempt."""

    state: State
    last_error: str | None
    due_at: datetime
    sent_at: datetime | None = None
    provider_id: str | None = None


def notification_id(request_id: str, status_seq: int, channel: str) -> uuid.UUID:
    return uuid.uuid5(IDS, f"{request_id}/{status_seq}/{channel}")


def escalation_context(change: Change) -> dict[str, str | None]:
    """The late agency under one key per case (`acknowledge_reminded`, `resolve_forwarded`, ...):
    a template words each case on its own line, which is left out for every other case."""
    if change.escalation is None or change.missed is None:
        return {}
    done = "reminded" if change.escalation == "reminder" else "forwarded"
    return {f"{change.missed}_{done}": change.agency_name, "escalated_to": change.escalated_to}


def first(
    contact: Contact, change: Change, links: Links, *, now: datetime, quiet: QuietHours = preferences.NIGHT
) -> Notification | None:
    """The message about `change` on the citizen's first usable channel; None if there is none."""
    channels = contact.channels()
    if not channels:
        return None
    language = contact.prefs.language
    context = {
        "name": contact.name,
        "tracking_code": contact.tracking_code,
        "agency_name": change.agency_name,
        "deadline": change.deadline,
        "note": change.note,
        **escalation_context(change),
        **links.context(contact.request_id, contact.tracking_code, language, now),
    }
    message = messages.render(change.kind, language, context)
    held = preferences.quiet_release(now, contact.prefs.timezone, urgent=change.urgent, quiet=quiet)
    return on_channel(
        Notification(
            id=uuid.UUID(int=0),
            request_id=contact.request_id,
            status_seq=change.status_seq,
            channel="",
            kind=change.kind,
            template=messages.template_name(change.kind, language),
            recipient="",
            subject=message.subject,
            body=message.body,
            due_at=held or now,
            urgent=change.urgent,
            held_until=held,
            created_at=now,
        ),
        channels[0],
        contact,
    )


def on_channel(n: Notification, channel: str, contact: Contact) -> Notification:
    return replace(
        n,
        id=notification_id(n.request_id, n.status_seq, channel),
        channel=channel,
        recipient=contact.address(channel) or "",
    )


def failover(
    failed: Notification, contact: Contact, tried: set[str], *, now: datetime
) -> Notification | None:
    """The same message on the next channel the citizen accepts that was not tried yet."""
    remaining = [c for c in contact.channels() if c not in tried | {failed.channel}]
    if not remaining:
        return None
    return replace(on_channel(failed, remaining[0], contact), due_at=now, held_until=None, created_at=now)


def retry_delay(attempts: int, policy: RetryPolicy, jitter: float) -> timedelta:
    """Exponential backoff, capped, with half of it jittered (`jitter` in [0, 1)) so retries spread."""
    ceiling = min(policy.first * (1 << min(max(attempts - 1, 0), 20)), policy.longest)
    return ceiling / 2 + ceiling / 2 * jitter


def after_attempt(
    attempts: int, result: Sent | Failed, *, now: datetime, policy: RetryPolicy, jitter: float
) -> Outcome:
    """Sent; or due again after a backoff; or failed for good (permanent, or out of attempts)."""
    if isinstance(result, Sent):
        return Outcome("sent", None, due_at=now, sent_at=now, provider_id=result.provider_id)
    if result.permanent or attempts >= policy.max_attempts:
        return Outcome("failed", result.error, due_at=now)
    return Outcome("created", result.error, due_at=now + retry_delay(attempts, policy, jitter))


def after_receipt(state: str, delivered: bool) -> State | None:
    """The state a provider's receipt moves a notification to; None when it changes nothing."""
    if state not in ("sending", "sent"):
        return None
    return "delivered" if delivered else "failed"
