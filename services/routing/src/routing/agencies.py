"""The agency network: who exists, who supervises whom, and which services each one leads."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Agency:
    code: str
    name: str
    kind: str
    supervisor: str | None
    capacity: int
    timezone: str


@dataclass(frozen=True)
class Network:
    agencies: dict[str, Agency]
    services: dict[str, str]
    """Service code → the code of the agency that leads it."""
    coordinator: str
    """The agency that takes whatever no other agency is known to handle."""


def parse(document: dict[str, Any]) -> Network:
    agencies = (
        Agency(
            code=a["code"],
            name=a["name"],
            kind=a["kind"],
            supervisor=a.get("supervisor"),
            capacity=int(a["capacity"]),
            timezone=a["timezone"],
        )
        for a in document["agencies"]
    )
    network = Network(
        agencies={a.code: a for a in agencies},
        services=dict(document.get("services", {})),
        coordinator=document["coordinator"],
    )
    return checked(network)


def checked(network: Network) -> Network:
    """The network, if every code it mentions is an agency in it; a bad file must not start."""
    mentioned = {network.coordinator, *network.services.values()}
    mentioned |= {a.supervisor for a in network.agencies.values() if a.supervisor is not None}
    if unknown := sorted(mentioned - network.agencies.keys()):
        raise ValueError(f"the network names agencies it does not define: {', '.join(unknown)}")
    return network


def load(path: str | Path) -> Network:
    return parse(json.loads(Path(path).read_text()))
