"""Where a request is: its point, else the area the citizen chose, else its address, read against the
network's own areas and street list. Pure: the network (with its index) is passed in."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from routing import areas
from routing.agencies import Network
from routing.areas import Area
from routing.reasons import Fact, Reason, reason

How = Literal[
    "located", "chosen", "street", "area_names", "no_location", "outside", "unplaced", "unknown_area"
]
"""How the place was found; each is also the kind of the reason that says so."""
SAME_WORD = {"jl": "jalan", "jln": "jalan", "kel": "kelurahan", "kec": "kecamatan", "kab": "kabupaten"}
LEVEL_WORDS = {"kelurahan": "kelurahan", "desa": "kelurahan", "kecamatan": "kecamatan", "kota": "city"}


@dataclass(frozen=True)
class Place:
    """The areas the request lies in, deepest first, and how that was found.

    `chain` is None when the place is unknown: only rules and coverage without areas apply.
    It is empty for a point outside every area, or a chosen area the network does not know.
    """

    chain: tuple[Area, ...] | None
    how: How
    clue: str = ""
    """What placed it: the street or the names found in the address, the point, the code chosen."""

    @property
    def codes(self) -> tuple[str, ...] | None:
        return None if self.chain is None else tuple(a.code for a in self.chain)

    @property
    def known(self) -> bool:
        return bool(self.chain)


def placed(
    network: Network, lat: float | None, lon: float | None, area_code: str | None, address: str | None
) -> Place:
    if (
        lat is not None
        and lon is not None
        and (chain := areas.locate(network.areas, network.index, lat, lon))
    ):
        return Place(chain, "located", f"{lat:.5f}, {lon:.5f}")
    if area_code:
        if area_code not in network.areas:
            return Place((), "unknown_area", area_code)
        return Place(areas.chain(network.areas, area_code), "chosen", area_code)
    if address and (found := geocoded(network, address)) is not None:
        return found
    if lat is not None and lon is not None:
        return Place((), "outside", f"{lat:.5f}, {lon:.5f}")
    return Place(None, "unplaced", address) if address else Place(None, "no_location")


def geocoded(network: Network, address: str) -> Place | None:
    """The address's street, else the network's area names in it; None if neither places it."""
    said = words(address)
    streets = [s for s in network.streets if bare(s) in said and network.streets[s] in network.areas]
    if streets:
        street = max(streets, key=lambda s: len(bare(s)))
        return Place(areas.chain(network.areas, network.streets[street]), "street", street)
    named = named_areas(network.areas, said)
    deepest = agreed(network.areas, named)
    if deepest is None:
        return None
    names = ", ".join(dict.fromkeys(network.areas[code].name for _, code in named))
    return Place(areas.chain(network.areas, deepest), "area_names", names)


def words(text: str) -> str:
    """ "Jl. Menteng Raya No.5" → " jalan menteng raya no 5 ": lower case, one spelling per word."""
    tokens = re.findall(r"[a-z0-9]+", text.lower())
    return " " + " ".join(SAME_WORD.get(t, t) for t in tokens) + " "


def bare(street: str) -> str:
    """A street's name as `words` spells it, without "jalan": "Jl. Sabang" is also just "Sabang"."""
    said = words(street)
    return said[len(" jalan") :] if said.startswith(" jalan ") else said


def named_areas(known: dict[str, Area], said: str) -> list[tuple[str, str]]:
    """(the name as said, the area it most likely means) for every area name in the address.

    "kelurahan Menteng" means the kelurahan; a bare "Menteng", named by a kelurahan and its
    kecamatan, means the larger one: saying less than the address did is the safe reading.
    """
    found: list[tuple[str, str]] = []
    for name in sorted({words(a.name) for a in known.values()}, key=len, reverse=True):
        if name not in said:
            continue
        meanings = sorted((a for a in known.values() if words(a.name) == name), key=lambda a: a.depth)
        level = next((LEVEL_WORDS[w] for w in LEVEL_WORDS if f" {w}{name}" in said), None)
        chosen = next((a for a in meanings if a.level == level), meanings[0])
        found.append((name.strip(), chosen.code))
        said = said.replace(name, " ")
    return found


def agreed(known: dict[str, Area], named: list[tuple[str, str]]) -> str | None:
    """The deepest named area that lies within every other one named; None if they disagree."""
    codes = {code for _, code in named}
    inside_all = [c for c in codes if codes <= set(areas.lineage(known, c))]
    return max(inside_all, key=lambda c: known[c].depth, default=None)


def reason_of(place: Place) -> Reason:
    """The reason that says where the request is, and how that was found."""
    chain = tuple(label(a) for a in place.chain or ())
    facts: dict[str, Fact] = {"place" if place.how == "located" else "within": chain} if chain else {}
    clue = {"located": "point", "outside": "point", "unknown_area": "code", "street": "street"}.get(place.how)
    if clue:
        facts[clue] = place.clue
    if place.how == "area_names":
        facts["names"] = tuple(place.clue.split(", "))
    return reason(place.how, **facts)


def label(area: Area) -> str:
    """How a person says it: "kelurahan Menteng", "Jakarta Pusat", "DKI Jakarta"."""
    return f"{area.level} {area.name}" if area.level in ("kecamatan", "kelurahan") else area.name
