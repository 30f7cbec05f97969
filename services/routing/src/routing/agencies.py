"""The agency network: who exists, who supervises whom, when they work, what they handle where."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from routing import areas as areas_
from routing import calendars
from routing.areas import Area
from routing.calendars import Calendar

Kind = Literal["government", "utility", "ngo", "private"]
KINDS = ("government", "utility", "ngo", "private")


@dataclass(frozen=True)
class Coverage:
    services: frozenset[str]
    areas: frozenset[str]
    """Area codes; empty means wherever the network reaches."""


@dataclass(frozen=True)
class Agency:
    code: str
    name: str
    kind: str
    supervisor: str | None
    capacity: int
    calendar: Calendar = field(default_factory=Calendar)
    handles: tuple[Coverage, ...] = ()

    def covers(self, service_code: str, area_codes: tuple[str, ...] | None) -> bool:
        """Whether it handles the service in one of the areas (`None`: the location is unknown)."""
        return any(
            service_code in c.services
            and (not c.areas or area_codes is None or bool(c.areas & set(area_codes)))
            for c in self.handles
        )


@dataclass(frozen=True)
class Network:
    agencies: dict[str, Agency]
    areas: dict[str, Area]
    coordinator: str
    """The agency that takes whatever no other agency is set to handle."""


def parse_agency(a: dict[str, Any], named_calendars: dict[str, Calendar] | None = None) -> Agency:
    if a.get("kind") not in KINDS:
        raise ValueError(f"agency {a.get('code')}: kind must be one of {', '.join(KINDS)}")
    calendar = a.get("calendar", {})
    if isinstance(calendar, str):
        if calendar not in (named_calendars or {}):
            raise ValueError(f"agency {a['code']}: no calendar named {calendar}")
        chosen = (named_calendars or {})[calendar]
    else:
        chosen = calendars.parse(calendar)
    return Agency(
        code=a["code"],
        name=a["name"],
        kind=a["kind"],
        supervisor=a.get("supervisor"),
        capacity=int(a["capacity"]),
        calendar=chosen,
        handles=tuple(
            Coverage(frozenset(h["services"]), frozenset(h.get("areas", []))) for h in a.get("handles", [])
        ),
    )


def as_document(agency: Agency) -> dict[str, Any]:
    return {
        "code": agency.code,
        "name": agency.name,
        "kind": agency.kind,
        "supervisor": agency.supervisor,
        "capacity": agency.capacity,
        "calendar": calendars.as_document(agency.calendar),
        "handles": [{"services": sorted(c.services), "areas": sorted(c.areas)} for c in agency.handles],
    }


def parse(document: dict[str, Any], areas: dict[str, Area] | None = None) -> Network:
    named = {name: calendars.parse(c) for name, c in document.get("calendars", {}).items()}
    parsed = [parse_agency(a, named) for a in document["agencies"]]
    network = Network(
        agencies={a.code: a for a in parsed}, areas=areas or {}, coordinator=document["coordinator"]
    )
    return checked(network)


def checked(network: Network) -> Network:
    """The network, if every agency and area it mentions exists; a bad file must not start."""
    mentioned = {network.coordinator}
    mentioned |= {a.supervisor for a in network.agencies.values() if a.supervisor is not None}
    if unknown := sorted(mentioned - network.agencies.keys()):
        raise ValueError(f"the network names agencies it does not define: {', '.join(unknown)}")
    places = {code for a in network.agencies.values() for c in a.handles for code in c.areas}
    if network.areas and (unknown := sorted(places - network.areas.keys())):
        raise ValueError(f"the network names areas it does not define: {', '.join(unknown)}")
    return network


def load(path: str | Path) -> Network:
    """The agencies file, with `areas.geojson` beside it when there is one."""
    folder = Path(path).parent
    areas_file = folder / "areas.geojson"
    areas = areas_.parse(json.loads(areas_file.read_text())) if areas_file.exists() else {}
    return parse(json.loads(Path(path).read_text()), areas)
