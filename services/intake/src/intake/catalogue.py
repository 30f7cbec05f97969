"""The service catalogue: what citizens can ask for, loaded from a file in `deploy/`."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from dekat.vocabulary import LANGUAGES, Language, Priority

Datatype = Literal["string", "number", "datetime", "text", "singlevaluelist", "multivaluelist"]
Text = dict[str, str]
"""The same words in Indonesian (`id`) and English (`en`)."""


@dataclass(frozen=True)
class Value:
    key: str
    name: Text


@dataclass(frozen=True)
class Attribute:
    """One question a service asks (Open311's service definition attribute)."""

    code: str
    variable: bool
    datatype: Datatype
    required: bool
    order: int
    description: Text
    datatype_description: Text | None = None
    values: tuple[Value, ...] = ()


@dataclass(frozen=True)
class Service:
    code: str
    group: str
    name: Text
    description: Text
    keywords: tuple[str, ...]
    location_required: bool
    expected_hours: int
    attributes: tuple[Attribute, ...] = ()
    type: str = "realtime"
    urgent: bool = False
    """Delay harms people (a flood, a person in danger): the citizen hears back even at night."""

    @property
    def metadata(self) -> bool:
        """Open311: whether a service definition with attributes is worth fetching."""
        return bool(self.attributes)


Catalogue = dict[str, Service]


def priority_of(service: Service | None) -> Priority:
    return "urgent" if service is not None and service.urgent else "normal"


def names_of(service: Service | None) -> dict[Language, str]:
    """The service's name in each language Dekat speaks (none for a service not in the catalogue)."""
    if service is None:
        return {}
    return {language: name for language in LANGUAGES if (name := in_language(service.name, language))}


def in_language(text: Text | None, language: str) -> str | None:
    if text is None:
        return None
    return text.get(language) or text.get("id") or next(iter(text.values()), None)


def attribute(entry: dict[str, Any]) -> Attribute:
    return Attribute(
        code=entry["code"],
        variable=bool(entry.get("variable", True)),
        datatype=entry["datatype"],
        required=bool(entry.get("required", False)),
        order=int(entry.get("order", 0)),
        description=entry["description"],
        datatype_description=entry.get("datatype_description"),
        values=tuple(Value(v["key"], v["name"]) for v in entry.get("values", ())),
    )


def service(entry: dict[str, Any]) -> Service:
    return Service(
        code=entry["service_code"],
        group=entry["group"],
        name=entry["name"],
        description=entry["description"],
        keywords=tuple(entry.get("keywords", ())),
        location_required=bool(entry.get("location_required", True)),
        expected_hours=int(entry["expected_hours"]),
        attributes=tuple(sorted((attribute(a) for a in entry.get("attributes", ())), key=lambda a: a.order)),
        type=entry.get("type", "realtime"),
        urgent=bool(entry.get("urgent", False)),
    )


def parse(entries: list[dict[str, Any]]) -> Catalogue:
    return {s.code: s for s in map(service, entries)}


def load(path: str | Path) -> Catalogue:
    return parse(json.loads(Path(path).read_text()))
