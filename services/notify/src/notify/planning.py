"""What one change makes for one reporter: a message on their first channel (held in quiet
hours, replacing the messages still held for them there), or a record of why there is none.

Pure: the time, the held messages and the request's other changes come in as arguments.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Literal
from uuid import UUID

from notify import failures, messages, preferences, wording
from notify.changes import SILENT, Change
from notify.contacts import Contact
from notify.links import Links
from notify.notifications import Draft, Notification, notification_id
from notify.preferences import QuietHours
from notify.wording import Telling

ReporterPlan = Literal["notified", "silent", "unreachable", "before_following"]
"""What became of one change for one reporter: each is recorded once."""


@dataclass(frozen=True)
class Held:
    """A message to this reporter not sent yet (held for quiet hours), or one it replaced."""

    id: UUID
    channel: str
    change: Change


@dataclass(frozen=True)
class Plan:
    outcome: ReporterPlan
    notifications: tuple[Notification, ...] = ()
    supersedes: tuple[UUID, ...] = ()
    """Held messages the new one replaces: recorded as superseded by it, never deleted."""


def plan(
    contact: Contact,
    t: Telling,
    *,
    links: Links,
    now: datetime,
    quiet: QuietHours = preferences.NIGHT,
    held: Sequence[Held] = (),
) -> Plan:
    change = t.change
    if change.kind in SILENT:
        return Plan("silent")
    if before_following(contact, change):
        return Plan("before_following")
    channels = contact.channels()
    if not channels:
        return Plan("unreachable", unreachable(contact, change, now=now))
    mine = [h for h in held if h.channel == channels[0] and h.change.status_seq != change.status_seq]
    t = replace(t, earlier=sorted((h.change for h in mine), key=lambda c: c.status_seq))
    drafts = {c: draft(contact, t, c, links, now) for c in channels}
    release = preferences.quiet_release(now, contact.prefs.timezone, urgent=change.urgent, quiet=quiet)
    n = on_channel(base(contact, change, drafts, now=now, held_until=release), channels[0], contact)
    return Plan("notified", (n,), tuple(h.id for h in mine))


def before_following(contact: Contact, change: Change) -> bool:
    """A follower hears of what happens after they start following; their first message says
    where the request stands."""
    since = contact.submitted_at
    return contact.follower() and since is not None and change.status_seq > 0 and change.at < since


def draft(contact: Contact, t: Telling, channel: str, links: Links, now: datetime) -> Draft:
    written = wording.written(contact, t, channel, links, now)
    kind = wording.template_kind(contact, t)
    name = messages.template_name(kind, contact.prefs.language, messages.format_of(channel))
    return Draft(written.subject, written.body, name)


def base(
    contact: Contact, change: Change, drafts: dict[str, Draft], *, now: datetime, held_until: datetime | None
) -> Notification:
    return Notification(
        id=UUID(int=0),
        request_id=contact.request_id,
        status_seq=change.status_seq,
        channel="",
        kind=change.kind,
        template="",
        recipient="",
        subject="",
        body="",
        due_at=held_until or now,
        urgent=change.urgent,
        held_until=held_until,
        created_at=now,
        reporter=contact.reporter,
        drafts=drafts,
    )


def on_channel(n: Notification, channel: str, contact: Contact) -> Notification:
    d = n.drafts.get(channel) or Draft(n.subject, n.body, n.template)
    return replace(
        n,
        id=notification_id(n.request_id, n.status_seq, channel, n.reporter),
        channel=channel,
        recipient=contact.address(channel) or "",
        subject=d.subject,
        body=d.body,
        template=d.template,
    )


def unreachable(contact: Contact, change: Change, *, now: datetime) -> tuple[Notification, ...]:
    """One failed row per chosen channel, saying why it cannot be used; none for a reporter
    with no address at all (anonymous: they read the tracking page)."""
    if not contact.reachable_at_all():
        return ()
    why = preferences.unusable(contact.prefs, contact.addresses())
    n = base(contact, change, {}, now=now, held_until=None)
    return tuple(
        replace(
            on_channel(n, channel, contact),
            state="failed",
            failure=failure,
            error=failures.explained(failure, channel),
        )
        for channel, failure in why.items()
    )


def failover(
    failed: Notification, contact: Contact, tried: set[str], *, now: datetime
) -> Notification | None:
    """The same message, as written for the next channel the citizen accepts not tried yet."""
    remaining = [c for c in contact.channels() if c not in tried | {failed.channel}]
    if not remaining:
        return None
    successor = on_channel(failed, remaining[0], contact)
    return replace(
        successor, due_at=now, held_until=None, created_at=now, state="created", failure=None, error=None
    )
