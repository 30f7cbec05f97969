"""One submission, whichever channel brought it: what is wrong with it, and the request it makes (pure).

Native web requests, Open311 clients, counters and mobile units all translate their input into a
`Submission`; there is one set of rules and one way a request comes to be.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cache
from typing import Literal
from zoneinfo import available_timezones

from dekat.payloads import Photo
from dekat.vocabulary import Origin, Privacy

from intake import attributes
from intake.areas import CHOOSABLE, Places
from intake.attributes import Answers
from intake.catalogue import Catalogue, names_of, priority_of
from intake.requests import Contact, Request

Reason = Literal[
    "validation", "unknown_service", "missing_attribute", "privacy", "outside_area", "unknown_area"
]

CLOCK_SKEW = timedelta(minutes=10)
"""How far in the future an offline device's clock may put a creation time."""
OFFLINE_LIMIT = timedelta(days=90)
"""How long a mobile unit may hold an item before syncing it."""


@dataclass(frozen=True)
class Problem:
    field: str
    message: str
    reason: Reason = "validation"


@dataclass(frozen=True)
class Submission:
    service_code: str
    description: str
    channel: Origin
    lat: float | None = None
    long: float | None = None
    address: str | None = None
    address_id: str | None = None
    zipcode: str | None = None
    area_code: str | None = None
    """The kecamatan or kelurahan the citizen chose (`GET /v1/areas`)."""
    media_url: str | None = None
    answers: Answers = field(default_factory=dict)
    privacy: Privacy = "public"
    citizen: Contact | None = None
    source: str | None = None
    client_id: str | None = None
    taken_by: str | None = None
    created_at: datetime | None = None
    """When an offline device created it; otherwise the request is created when received."""
    client_fingerprint: str | None = None
    """For a device's item: a digest of its content, so a re-upload with other content is noticed."""
    photos: tuple[Photo, ...] = ()
    """Photos intake has checked and will store with the request (the portal)."""


@dataclass(frozen=True)
class Identity:
    """The fresh ids a new request gets, chosen by the caller."""

    request_id: str
    tracking_code: str
    token: str


def problems(s: Submission, catalogue: Catalogue, now: datetime, *, places: Places) -> list[Problem]:
    return [
        *service_problems(s, catalogue),
        *location_problems(s),
        *place_problems(s, places),
        *privacy_problems(s),
        *time_problems(s, now),
    ]


def service_problems(s: Submission, catalogue: Catalogue) -> list[Problem]:
    service = catalogue.get(s.service_code)
    if service is None:
        return [Problem("service_code", f"unknown service code {s.service_code!r}", "unknown_service")]
    found = []
    if service.location_required and not has_location(s):
        found.append(Problem("lat", "this service needs a location: give lat and long, or an address"))
    for name, message in attributes.problems_with(service, s.answers):
        missing = message == "required by this service"
        found.append(Problem(name, message, "missing_attribute" if missing else "validation"))
    return found


def has_location(s: Submission) -> bool:
    coordinates = s.lat is not None and s.long is not None
    return coordinates or bool(s.address) or bool(s.address_id) or bool(s.area_code)


def location_problems(s: Submission) -> list[Problem]:
    if (s.lat is None) == (s.long is None):
        return []
    return [Problem("long" if s.long is None else "lat", "give lat and long together")]


def place_problems(s: Submission, known: Places) -> list[Problem]:
    """Checked against the network once intake knows it; until the first area arrives, intake
    accepts any place and routing places the request (with the coordinator, if nowhere). A point
    is outside only once the outermost area is here (`Places.bounded`): found by CI, a request
    at Menteng was refused "outside" while the first five kelurahan of the network were in."""
    if not known.known:
        return []
    found = []
    if s.lat is not None and s.long is not None and known.bounded and not known.containing(s.lat, s.long):
        where = ", ".join(known.served())
        found.append(Problem("lat", f"outside the area Dekat serves: {where}", "outside_area"))
    if s.area_code is not None:
        found.extend(chosen_area_problems(s.area_code, known))
    return found


def chosen_area_problems(code: str, known: Places) -> list[Problem]:
    area = known.areas.get(code)
    if area is None:
        message = f"unknown area {code!r}: choose a kecamatan or kelurahan from GET /v1/areas"
        return [Problem("area_code", message, "unknown_area")]
    if area.level not in CHOOSABLE:
        message = f"{area.name} is a {area.level}: choose one of its kecamatan or kelurahan"
        return [Problem("area_code", message, "unknown_area")]
    return []


@cache
def known_timezones() -> frozenset[str]:
    """Read once: `available_timezones()` walks the whole tz database on disk."""
    return frozenset(available_timezones())


def privacy_problems(s: Submission) -> list[Problem]:
    c = s.citizen
    if c is None:
        return []
    if s.privacy == "anonymous":
        return [Problem("citizen", "an anonymous request carries no contact details", "privacy")]
    found = []
    if c.consent_share and s.privacy != "public":
        found.append(Problem("citizen.consent_share", "only a public request can share identity", "privacy"))
    for channel in c.channels:
        if not (c.email if channel == "email" else c.phone):
            detail = "email" if channel == "email" else "phone"
            found.append(Problem("citizen.channels", f"{channel!r} needs the citizen's {detail}"))
    if c.timezone not in known_timezones():
        found.append(Problem("citizen.timezone", f"unknown time zone {c.timezone!r}"))
    return found


def time_problems(s: Submission, now: datetime) -> list[Problem]:
    if s.created_at is None:
        return []
    if s.created_at.tzinfo is None:
        return [Problem("created_at", "give a time zone (e.g. +07:00 or Z)")]
    if s.created_at > now + CLOCK_SKEW:
        return [Problem("created_at", "is in the future")]
    if s.created_at < now - OFFLINE_LIMIT:
        return [Problem("created_at", f"is more than {OFFLINE_LIMIT.days} days old")]
    return []


def accept(s: Submission, ids: Identity, now: datetime, catalogue: Catalogue) -> Request:
    """The request a valid submission becomes; anonymous ones keep nothing of the person."""
    return Request(
        id=ids.request_id,
        tracking_code=ids.tracking_code,
        token=ids.token,
        service_code=s.service_code,
        description=s.description,
        lat=s.lat,
        long=s.long,
        address=s.address,
        address_id=s.address_id,
        zipcode=s.zipcode,
        area_code=s.area_code,
        client_fingerprint=s.client_fingerprint,
        media_url=s.media_url,
        attributes=attributes.flattened(s.answers),
        channel=s.channel,
        privacy=s.privacy,
        source=s.source,
        client_id=s.client_id,
        taken_by=s.taken_by,
        submitted_at=s.created_at or now,
        received_at=now,
        priority=priority_of(catalogue.get(s.service_code)),
        photos=s.photos,
        service_name=names_of(catalogue.get(s.service_code)),
    )
