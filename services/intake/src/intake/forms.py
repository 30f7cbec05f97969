"""The portal's request form (pure): the questions a service asks, and what a posted form becomes.

A posted form is turned into the native API's body and checked by the same `RequestIn` and
`submissions.problems()` as every other channel; each problem is then put beside its field, in
the citizen's language (`field_of`, `word_of`).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from dekat.errors import problems_of
from pydantic import ValidationError

from intake.areas import Places
from intake.bodies import RequestIn
from intake.catalogue import Attribute, Catalogue, Service, in_language
from intake.submissions import Problem, Submission, problems

Form = dict[str, list[str]]
"""Every posted name with its values, in order."""
KEY_SHAPE = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
CONTACT_FIELDS = ("name", "email", "phone")


@dataclass(frozen=True)
class Entered:
    """What the citizen typed, to put back into the form when it is shown again."""

    values: Form = dataclasses.field(default_factory=dict)

    def one(self, name: str) -> str:
        return next((v.strip() for v in self.values.get(name, []) if v.strip()), "")

    def many(self, name: str) -> list[str]:
        return [v for v in self.values.get(name, []) if v.strip()]


@dataclass(frozen=True)
class Question:
    """One of a service's attributes as a form field."""

    id: str
    name: str
    kind: str
    label: str
    hint: str | None
    required: bool
    options: tuple[tuple[str, str], ...] = ()


KINDS = {"text": "textarea", "number": "number", "datetime": "datetime", "multivaluelist": "checkboxes"}


def kind_of(a: Attribute) -> str:
    if a.datatype == "singlevaluelist":
        return "radio" if len(a.values) <= 5 else "select"
    return KINDS.get(a.datatype, "text")


def questions(service: Service, language: str) -> list[Question]:
    return [
        Question(
            id=f"attr-{a.code}",
            name=f"attr.{a.code}",
            kind=kind_of(a),
            label=in_language(a.description, language) or a.code,
            hint=in_language(a.datatype_description, language),
            required=a.required,
            options=tuple((v.key, in_language(v.name, language) or v.key) for v in a.values),
        )
        for a in service.attributes
        if a.variable
    ]


def notices(service: Service, language: str) -> list[str]:
    """What the service says without asking (Open311's non-variable attributes): "call 112"."""
    return [in_language(a.description, language) or "" for a in service.attributes if not a.variable]


def number(text: str) -> float | str | None:
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        return text  # refused by RequestIn, beside the location


def citizen_of(entered: Entered, language: str) -> dict[str, Any] | None:
    if not any(entered.one(f) for f in CONTACT_FIELDS):
        return None
    return {
        **{f: entered.one(f) or None for f in CONTACT_FIELDS},
        "language": entered.one("contact_lang") or language,
        "channels": entered.many("channels"),
        "consent_share": entered.one("consent") == "yes",
    }


def body_of(service_code: str, entered: Entered, place_name: str | None, language: str) -> dict[str, Any]:
    """The native API's body for this form; `place_name`: the chosen area, if no address was typed."""
    asked = {
        name.removeprefix("attr."): entered.many(name) for name in entered.values if name.startswith("attr.")
    }
    return {
        "service_code": service_code,
        "description": entered.one("description"),
        "lat": number(entered.one("lat")),
        "long": number(entered.one("long")),
        "address": entered.one("address") or place_name,
        "attributes": asked,
        "privacy": entered.one("privacy") or "public",
        "citizen": citizen_of(entered, language),
    }


PLACEHOLDERS = {"description": "-", "service_code": "-"}
"""Stand-ins for required fields the body got wrong, so the other rules can still be checked."""


def without(body: dict[str, Any], fields: list[str]) -> dict[str, Any]:
    """`body` with each wrong field left out (or stood in for), to check everything else."""
    kept = {**body, "citizen": dict(body["citizen"]) if body.get("citizen") else None}
    for path in fields:
        head, _, rest = path.partition(".")
        if rest and isinstance(kept.get(head), dict):
            kept[head].pop(rest.split(".")[0], None)
        elif head in PLACEHOLDERS:
            kept[head] = PLACEHOLDERS[head]
        else:
            kept.pop(head, None)
    return kept


def checked(
    body: dict[str, Any], catalogue: Catalogue, now: datetime, places: Places
) -> Submission | list[Problem]:
    """The submission this body makes, or everything wrong with it (the API's rules exactly)."""
    try:
        submission = RequestIn.model_validate(body).submission("web")
    except ValidationError as error:
        return all_problems(error, body, catalogue, now, places)
    return problems(submission, catalogue, now, places=places) or submission


def all_problems(
    error: ValidationError, body: dict[str, Any], catalogue: Catalogue, now: datetime, places: Places
) -> list[Problem]:
    """The API stops at the body's shape; a citizen is told every problem at once, so the rules are
    also checked on what remains without the wrongly shaped fields."""
    shape = [Problem(p["field"], p["message"]) for p in problems_of(error)]
    try:
        rest = RequestIn.model_validate(without(body, [p.field for p in shape])).submission("web")
    except ValidationError:
        return shape
    more = problems(rest, catalogue, now, places=places)
    return [*shape, *(p for p in more if p.field not in {s.field for s in shape})]


FIELDS = {
    "lat": "area",
    "long": "area",
    "address": "address",
    "description": "description",
    "privacy": "privacy",
    "citizen": "contact",
    "citizen.name": "name",
    "citizen.email": "email",
    "citizen.phone": "phone",
    "citizen.channels": "channels",
    "citizen.consent_share": "consent",
    "citizen.language": "contact_lang",
    "photos": "photos",
    "area": "area",
    "area_code": "area",
    "location": "area",
}


def field_of(api_field: str) -> str:
    """The form field (its element id) an API field's problem belongs beside."""
    if api_field.startswith("attributes."):
        return "attr-" + api_field.split(".")[1]
    return FIELDS.get(api_field, FIELDS.get(api_field.split(".")[0], "description"))


RULES: tuple[tuple[str, str], ...] = (
    ("needs a location", "location_needed"),
    ("together", "location_needed"),
    ("anonymous", "anonymous_contact"),
    ("share identity", "consent_public"),
    ("needs the citizen's email", "channel_email"),
    ("needs the citizen's phone", "channel_phone"),
    ("required", "required"),
    ("at least 1 character", "required"),
    ("at most", "too_long"),
    ("longer than", "too_long"),
    ("email", "email"),
    ("should match pattern", "phone"),
    ("not a number", "number"),
    ("valid number", "number"),
    ("iso 8601", "datetime"),
    ("is not one of", "choose"),
    ("input should be", "choose"),
    ("single value", "choose"),
)


def word_of(problem: Problem) -> str | None:
    """The key of the citizen's words for this problem (`problems.<key>`), if we have them."""
    message = problem.message.casefold()
    return next((word for clue, word in RULES if clue in message), None)


ORDER = ("area", "address", "description", "attr-", "photos", "privacy", "contact", "name", "email", "phone")
"""The fields in the order the form shows them: the summary of problems follows it."""


def place_in_form(field: str) -> int:
    return next((n for n, f in enumerate(ORDER) if field.startswith(f)), len(ORDER))


def localized(found: list[Problem], words: dict[str, str]) -> dict[str, str]:
    """Form field → the first problem's message in the citizen's language (the API's if we have none)."""
    messages: dict[str, str] = {}
    for p in sorted(found, key=lambda p: place_in_form(field_of(p.field))):
        word = p.message if p.message in words else word_of(p)
        messages.setdefault(field_of(p.field), words.get(word, p.message) if word else p.message)
    return messages
