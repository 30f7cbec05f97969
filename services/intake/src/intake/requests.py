"""A citizen's request as intake keeps it, and the events it announces (pure)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from dekat.events import Envelope, new_event
from dekat.payloads import CONTACT, SUBMITTED, CitizenContact, Photo, RequestSubmitted, SharedIdentity
from dekat.vocabulary import ContactChannel, Language, Origin, Priority, Privacy

from intake import masking
from intake.reporters import Reporter

TRACKING_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
"""No 0/O or 1/I: the code is read out over the phone at counters."""


def new_tracking_code() -> str:
    """`DK-7K3M-9QXA`: 40 bits of randomness, unguessable, easy to read out."""
    chars = "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(8))
    return f"DK-{chars[:4]}-{chars[4:]}"


def normal_tracking_code(text: str) -> str:
    """What a citizen reads out or types (`dk7k3m 9qxa`) as the code we issued (`DK-7K3M-9QXA`)."""
    chars = "".join(c for c in text.upper() if c.isalnum()).removeprefix("DK")
    return f"DK-{chars[:4]}-{chars[4:]}" if len(chars) == 8 else text


@dataclass(frozen=True)
class Contact:
    name: str | None = None
    email: str | None = None
    phone: str | None = None
    language: Language = "id"
    channels: tuple[ContactChannel, ...] = ()
    """Preferred channels, most preferred first; `preferred_channels()` fills the default."""
    timezone: str = "Asia/Jakarta"
    consent_share: bool = False
    account_id: str | None = None
    device_id: str | None = None

    def preferred_channels(self) -> list[ContactChannel]:
        addresses: tuple[tuple[ContactChannel, str | None], ...] = (
            ("email", self.email),
            ("sms", self.phone),
        )
        reachable = [channel for channel, address in addresses if address]
        return list(self.channels) or reachable


@dataclass(frozen=True)
class Request:
    id: str
    tracking_code: str
    service_code: str
    description: str
    lat: float | None
    long: float | None
    address: str | None
    channel: Origin
    privacy: Privacy
    submitted_at: datetime
    received_at: datetime | None = None
    source: str | None = None
    """The Open311 client, counter or mobile unit that brought the request in."""
    client_id: str | None = None
    taken_by: str | None = None
    """The counter staff member who took the request on the citizen's behalf."""
    token: str | None = None
    attributes: dict[str, str] = field(default_factory=dict)
    address_id: str | None = None
    zipcode: str | None = None
    area_code: str | None = None
    client_fingerprint: str | None = None
    media_url: str | None = None
    status: str = "received"
    status_seq: int = 0
    priority: Priority = "normal"
    photos: tuple[Photo, ...] = ()
    service_name: dict[Language, str] = field(default_factory=dict)


def shared_identity(r: Request, c: Contact | None) -> SharedIdentity | None:
    """Only a public request whose citizen agreed to it lets the agency know who asked."""
    if c is None or r.privacy != "public" or not c.consent_share:
        return None
    return SharedIdentity(name=c.name, phone=c.phone, email=c.email)


def submitted_event(r: Request, c: Contact | None = None) -> Envelope:
    """What routing learns: everything but the citizen, unless a public citizen consented.

    Without that consent, contact details typed into the description or address are masked too.
    """
    identity = shared_identity(r, c)
    as_typed = identity is not None
    data = RequestSubmitted(
        request_id=r.id,
        tracking_code=r.tracking_code,
        service_code=r.service_code,
        service_name=r.service_name,
        description=r.description if as_typed else masking.masked(r.description),
        lat=r.lat,
        long=r.long,
        address=r.address if as_typed else masking.masked_or_none(r.address),
        area_code=r.area_code,
        channel=r.channel,
        privacy=r.privacy,
        attributes=r.attributes,
        submitted_at=r.submitted_at,
        priority=r.priority,
        citizen_reachable=c is not None and bool(c.preferred_channels()),
        photos=list(r.photos),
        shared_identity=identity,
    )
    return new_event(SUBMITTED, subject=r.id, data=data, source="intake", now=r.received_at)


def reached_by(c: Contact) -> dict[str, Any]:
    """How notify reaches this person: the contact's half of a `citizen.contact`."""
    return {
        "name": c.name,
        "email": c.email,
        "phone": c.phone,
        "language": c.language,
        "channels": c.preferred_channels(),
        "timezone": c.timezone,
    }


def contact_event(r: Request, c: Contact, submitted: Envelope, reporter: Reporter) -> Envelope:
    """What notify learns, on the restricted topic: how to reach this reporter, and their secret
    for the links in their messages.

    Caused by the submission, so one request's whole flow shares one correlation id.
    """
    data = CitizenContact(
        request_id=r.id,
        tracking_code=r.tracking_code,
        reporter_id=None,  # the one who submitted it (followers are named)
        link_token=reporter.link_token,
        **reached_by(c),
        privacy=r.privacy,
        submitted_at=r.submitted_at,
        urgent=r.priority == "urgent",
    )
    return new_event(
        CONTACT, subject=r.id, data=data, source="intake", now=r.received_at, caused_by=submitted
    )
