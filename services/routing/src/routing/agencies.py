"""The agency network: who exists, who supervises whom, when they work, what they handle where."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any, Literal

from dekat import acls
from dekat.events import Envelope, new_event
from dekat.payloads import AGENCY, NetworkAgency

from routing import calendars, geo
from routing.areas import Area
from routing.calendars import Calendar

Kind = Literal["government", "utility", "ngo", "private"]
KINDS = ("government", "utility", "ngo", "private")
CODE = acls.AGENCY_CODE
"""An agency code names its Kafka topics and its principal's ACLs, so it is topic- and prefix-safe."""


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
    on_call: Calendar | None = None
    """When it answers urgent requests (24/7 for most); None: it has no on-call cover."""
    active: bool = True
    """A disabled agency is never chosen nor handed work; its history stays."""

    def reach(self, service_code: str, place: tuple[Area, ...] | None) -> int | None:
        """How close its coverage of the service comes to `place` (the areas a request lies in).

        The depth of the deepest covered area the place lies in (kelurahan 4 ... province 1),
        0 for coverage wherever the network reaches, None where it does not handle the service.
        An unknown place (`None`) is reached only by coverage without areas.
        """
        depths = [
            depth
            for c in self.handles
            if service_code in c.services
            for depth in ([0] if not c.areas else [a.depth for a in place or () if a.code in c.areas])
        ]
        return max(depths, default=None)

    def handles_service(self, service_code: str) -> bool:
        return any(service_code in c.services for c in self.handles)

    def calendar_for(self, urgent: bool) -> Calendar:
        """The time its deadlines count in: on-call time for an urgent request, when it has it."""
        return self.on_call if urgent and self.on_call is not None else self.calendar


@dataclass(frozen=True)
class Network:
    agencies: dict[str, Agency]
    areas: dict[str, Area]
    coordinator: str
    """The agency that takes whatever no other agency is set to handle."""
    streets: dict[str, str] = field(default_factory=dict)
    """Street names ("Jl. Menteng Raya") → the code of the area (usually a kelurahan) they lie in."""

    @functools.cached_property
    def index(self) -> geo.Index:
        """The areas' STRtree, built once per network (a snapshot holds one network per revision)."""
        return geo.indexed([(a.code, a.geometry) for a in self.areas.values()])

    @property
    def active(self) -> frozenset[str]:
        """The agencies that may be given work."""
        return frozenset(code for code, a in self.agencies.items() if a.active)


def parse_agency(a: dict[str, Any], named_calendars: dict[str, Calendar] | None = None) -> Agency:
    if not isinstance(a.get("code"), str) or not CODE.match(a["code"]):
        raise ValueError(f"agency code {a.get('code')!r} must match {CODE.pattern} (it names Kafka topics)")
    if a.get("kind") not in KINDS:
        raise ValueError(f"agency {a.get('code')}: kind must be one of {', '.join(KINDS)}")
    return Agency(
        code=a["code"],
        name=a["name"],
        kind=a["kind"],
        supervisor=a.get("supervisor"),
        capacity=int(a["capacity"]),
        calendar=calendar_of(a["code"], a.get("calendar", {}), named_calendars or {}),
        handles=tuple(
            Coverage(frozenset(h["services"]), frozenset(h.get("areas", []))) for h in a.get("handles", [])
        ),
        on_call=on_call_of(a["code"], a.get("on_call"), named_calendars or {}),
        active=bool(a.get("active", True)),
    )


def calendar_of(code: str, calendar: str | dict[str, Any], named: dict[str, Calendar]) -> Calendar:
    """A calendar given inline, or by the name of one of the file's shared calendars."""
    if not isinstance(calendar, str):
        return calendars.parse(calendar)
    if calendar not in named:
        raise ValueError(f"agency {code}: no calendar named {calendar}")
    return named[calendar]


def on_call_of(
    code: str, on_call: bool | str | dict[str, Any] | None, named: dict[str, Calendar]
) -> Calendar | None:
    """`true`: round the clock; a calendar (inline or named): those hours; absent or `false`: none."""
    if on_call is None or on_call is False:
        return None
    return calendars.ROUND_THE_CLOCK if on_call is True else calendar_of(code, on_call, named)


def as_document(agency: Agency) -> dict[str, Any]:
    return {
        "code": agency.code,
        "name": agency.name,
        "kind": agency.kind,
        "supervisor": agency.supervisor,
        "capacity": agency.capacity,
        "calendar": calendars.as_document(agency.calendar),
        "handles": [{"services": sorted(c.services), "areas": sorted(c.areas)} for c in agency.handles],
        "on_call": on_call_document(agency.on_call),
        "active": agency.active,
    }


def on_call_document(on_call: Calendar | None) -> bool | dict[str, Any]:
    if on_call is None:
        return False
    return True if on_call == calendars.ROUND_THE_CLOCK else calendars.as_document(on_call)


def parse(
    document: dict[str, Any], areas: dict[str, Area] | None = None, streets: dict[str, str] | None = None
) -> Network:
    named = {name: calendars.parse(c) for name, c in document.get("calendars", {}).items()}
    parsed = [parse_agency(a, named) for a in document["agencies"]]
    network = Network(
        agencies={a.code: a for a in parsed},
        areas=areas or {},
        coordinator=document["coordinator"],
        streets=streets or {},
    )
    return checked(network)


def checked(network: Network) -> Network:
    """The network, if every agency and area it mentions exists; a bad file must not start."""
    mentioned = {network.coordinator}
    mentioned |= {a.supervisor for a in network.agencies.values() if a.supervisor is not None}
    if unknown := sorted(mentioned - network.agencies.keys()):
        raise ValueError(f"the network names agencies it does not define: {', '.join(unknown)}")
    places = {code for a in network.agencies.values() for c in a.handles for code in c.areas}
    places |= set(network.streets.values())
    if network.areas and (unknown := sorted(places - network.areas.keys())):
        raise ValueError(f"the network names areas it does not define: {', '.join(unknown)}")
    return network


def announcement(agency: Agency, revision: int) -> Envelope:
    """The `network.agency` event that tells intake who an agency is and when it works (subject: its code)."""
    d = as_document(agency)
    data = NetworkAgency(
        code=agency.code, name=agency.name, kind=d["kind"], supervisor=agency.supervisor,
        calendar=d["calendar"], on_call=d["on_call"], revision=revision,
    )  # fmt: skip
    return new_event(AGENCY, subject=agency.code, data=data, source="routing")
