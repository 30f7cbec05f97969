"""The service catalogue (deploy/catalogue/services.json) as routing needs it: which services exist,
and which are urgent. The network and the rules are checked against it."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from routing.agencies import Network

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Catalogue:
    services: frozenset[str]
    urgent: frozenset[str]
    """Services where delay harms people: only agencies with on-call cover may lead them."""
    names: dict[str, dict[str, str]] = field(default_factory=dict)
    """Each service's name by language (`{"id": ..., "en": ...}`), for the agency console."""


def parse(entries: list[dict[str, Any]]) -> Catalogue:
    codes = [str(e["service_code"]) for e in entries]
    urgent = frozenset(str(e["service_code"]) for e in entries if e.get("urgent"))
    names = {str(e["service_code"]): dict(e.get("name") or {}) for e in entries}
    return Catalogue(frozenset(codes), urgent, names)


def load(path: str | Path) -> Catalogue:
    return parse(json.loads(Path(path).read_text()))


def problems(network: Network, catalogue: Catalogue) -> list[tuple[str, str]]:
    """(agency code, what is wrong) for coverage citizens could never reach or urgent work nobody
    on call can take."""
    found = [
        (a.code, f"handles {code}, which is not in the service catalogue")
        for a in network.agencies.values()
        for code in sorted({s for c in a.handles for s in c.services} - catalogue.services)
    ]
    handled_on_call = {
        s for a in network.agencies.values() if a.on_call for c in a.handles for s in c.services
    }
    found += [
        ("on_call", f"urgent service {code} has no agency with on-call cover")
        for code in sorted(catalogue.urgent - handled_on_call)
    ]
    return found


def checked(network: Network, catalogue: Catalogue) -> Network:
    """The network, if it agrees with the catalogue; a catalogue service nobody handles is only
    logged: the coordinator takes those requests, so nothing is lost while an agency is found."""
    if found := problems(network, catalogue):
        raise ValueError("; ".join(f"{where}: {what}" for where, what in found))
    handled = {s for a in network.agencies.values() for c in a.handles for s in c.services}
    for code in sorted(catalogue.services - handled):
        log.warning("no agency handles catalogue service %s: the coordinator takes its requests", code)
    return network
