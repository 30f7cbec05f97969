"""A posted report form, read into the request it would make, or what keeps it from being one (pure).

The photos are decoded and re-encoded here; their ids and the service's public address are given,
so the same form always makes the same draft.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from dekat.payloads import Photo
from dekat.vocabulary import Language

from intake import areas, forms, photos, places
from intake.catalogue import Catalogue
from intake.forms import Entered
from intake.photos import Cleaned
from intake.places import Place
from intake.submissions import Problem, Submission

Stored = list[tuple[str, Cleaned]]
"""(photo id, the re-encoded photo), in the order attached."""


@dataclass(frozen=True)
class Draft:
    problems: list[Problem]
    submission: Submission | None = None
    photos: Stored = dataclasses.field(default_factory=list)
    fingerprint: dict[str, Any] = dataclasses.field(default_factory=dict)
    """What idempotency compares: the same form and the same photos give the same fingerprint."""


def place_problems(entered: Entered, known: list[Place]) -> list[Problem]:
    area = entered.one("area")
    if area and places.named(known, area) is None:
        return [Problem("area", "is not one of the areas Dekat serves")]
    return []


def cleaned_photos(files: list[bytes]) -> list[Cleaned] | Problem:
    """The photos to store, or the field's problem (then none is stored)."""
    if refusal := photos.refusal_of(files):
        return Problem("photos", refusal)
    found = [photos.cleaned(f) for f in files]
    refused = next((r for r in found if isinstance(r, str)), None)
    return Problem("photos", refused) if refused else [c for c in found if not isinstance(c, str)]


def with_photos(s: Submission, stored: Stored, public_url: str) -> Submission:
    """The submission with its photos' links; a public request also gets a public `media_url`."""
    facts = tuple(
        Photo(photo_id=i, content_type=c.content_type, url=f"{public_url}/photos/{i}") for i, c in stored
    )
    media = f"{public_url}/media/{stored[0][0]}" if stored and s.privacy == "public" else s.media_url
    return dataclasses.replace(s, photos=facts, media_url=media)


@dataclass(frozen=True)
class Context:
    """What a draft depends on besides the form: the catalogue, the areas, the time, new ids."""

    catalogue: Catalogue
    places: list[Place]
    checked_against: areas.Places
    """Where Dekat serves: a location outside it is refused, as in the API."""
    language: Language
    now: datetime
    public_url: str
    new_id: Callable[[], str]


def drafted(service_code: str, entered: Entered, files: list[bytes], c: Context) -> Draft:
    area = entered.one("area")
    body = forms.body_of(service_code, entered, places.named(c.places, area) if area else None, c.language)
    result = forms.checked(body, c.catalogue, c.now, c.checked_against)
    pictures = cleaned_photos(files)
    found = [
        *place_problems(entered, c.places),
        *([pictures] if isinstance(pictures, Problem) else []),
        *(result if isinstance(result, list) else []),
    ]
    if found or isinstance(result, list) or isinstance(pictures, Problem):
        return Draft(found)
    stored = [(c.new_id(), p) for p in pictures]
    submission = dataclasses.replace(with_photos(result, stored, c.public_url), area_code=area or None)
    fingerprint = {**body, "photos": [hashlib.sha256(f).hexdigest() for f in files]}
    return Draft([], submission, stored, fingerprint)
