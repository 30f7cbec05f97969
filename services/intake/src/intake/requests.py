"""A citizen's request as intake sees it: tracking codes, validation rules, status ordering."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

from dekat.events import Envelope, new_event
from dekat.payloads import (
    CONTACT,
    SUBMITTED,
    Channel,
    CitizenContact,
    Language,
    Privacy,
    RequestSubmitted,
)

TRACKING_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
"""No 0/O or 1/I: the code is read out over the phone at counters."""


def new_tracking_code() -> str:
    """`DK-7K3M-9QXA`: 40 bits of randomness, unguessable, easy to read out."""
    chars = "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(8))
    return f"DK-{chars[:4]}-{chars[4:]}"


@dataclass(frozen=True)
class Contact:
    name: str | None
    email: str | None
    phone: str | None
    language: Language = "id"


@dataclass(frozen=True)
class Request:
    id: str
    tracking_code: str
    service_code: str
    description: str
    lat: float | None
    long: float | None
    address: str | None
    channel: Channel
    privacy: Privacy
    submitted_at: datetime
    status: str = "received"
    status_seq: int = 0


def moves_forward(current_seq: int, event_seq: int) -> bool:
    """Status events may arrive twice or out of order; only a newer one changes anything."""
    return event_seq > current_seq


def submitted_event(r: Request) -> Envelope:
    """What routing learns: everything but the citizen."""
    data = RequestSubmitted(
        request_id=r.id,
        tracking_code=r.tracking_code,
        service_code=r.service_code,
        description=r.description,
        lat=r.lat,
        long=r.long,
        address=r.address,
        channel=r.channel,
        privacy=r.privacy,
        submitted_at=r.submitted_at,
    )
    return new_event(SUBMITTED, subject=r.id, data=data, source="intake", now=r.submitted_at)


def contact_event(r: Request, c: Contact) -> Envelope:
    """What notify learns, on the restricted topic: how to reach the citizen."""
    data = CitizenContact(
        request_id=r.id,
        tracking_code=r.tracking_code,
        name=c.name,
        email=c.email,
        phone=c.phone,
        language=c.language,
        channels=[channel for channel, value in (("email", c.email), ("sms", c.phone)) if value],
    )
    return new_event(CONTACT, subject=r.id, data=data, source="intake", now=r.submitted_at)
