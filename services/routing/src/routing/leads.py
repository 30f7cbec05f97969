"""Among the agencies a rule allows, who leads: the closest office with room; load decides only
between equally close offices, and only when it matters. Pure.

*Closest*: the agency whose coverage of the service reaches the deepest area the request lies in
(kelurahan before kecamatan before city before province before network-wide).
*Matters*: an office at least `MATTERS` (20 percentage points of its capacity) less full than
the one named first among the equally close; otherwise the first named leads.
*Room*: fewer open requests than its capacity; a full office is passed over for the next one
(the next level too), and leads anyway only when every eligible office is full.
"""

from __future__ import annotations

from dataclasses import dataclass

from routing.agencies import Agency
from routing.areas import LEVELS
from routing.reasons import Fact, Reason, reason

MATTERS = 0.20


@dataclass(frozen=True)
class Candidate:
    agency: Agency
    reach: int
    """The depth of the closest area its coverage reaches (0: wherever the network reaches)."""
    load: int

    @property
    def has_room(self) -> bool:
        return self.load < self.agency.capacity

    @property
    def utilisation(self) -> float:
        return self.load / self.agency.capacity if self.agency.capacity else float("inf")

    @property
    def occupancy(self) -> str:
        return f"{self.load}/{self.agency.capacity}"

    @property
    def level(self) -> str:
        return LEVELS[self.reach - 1] if self.reach else "network"


@dataclass(frozen=True)
class Pick:
    lead: Candidate | None
    """None: every candidate is full (`fullest_closest` is who would take it anyway)."""
    why: tuple[Reason, ...]
    closest_full: Candidate | None = None


def pick(candidates: list[Candidate]) -> Pick:
    """`candidates` in the rule's order; the closest with room leads."""
    with_room = [c for c in candidates if c.has_room]
    passed = tuple(
        reason("full", agency=c.agency.name, occupancy=c.occupancy) for c in candidates if not c.has_room
    )
    if not with_room:
        return Pick(None, passed, min(candidates, key=lambda c: (-c.reach, c.utilisation), default=None))
    level = max(c.reach for c in with_room)
    lead, balanced = among_equals([c for c in with_room if c.reach == level])
    farther = tuple(c.agency.name for c in with_room if c.reach < level)
    ahead = (reason("closest", agency=lead.agency.name, level=lead.level, others=farther),) if farther else ()
    return Pick(lead, (*passed, *ahead, *balanced))


def among_equals(same_level: list[Candidate]) -> tuple[Candidate, tuple[Reason, ...]]:
    """The first named, unless another is at least `MATTERS` less full: then the least full."""
    first, least_full = same_level[0], min(same_level, key=lambda c: c.utilisation)
    matters = round(first.utilisation - least_full.utilisation, 9) >= MATTERS  # 45% - 25% is 20 points
    lead = least_full if matters else first
    return lead, tuple(compared(lead, other, first) for other in same_level if other is not lead)


def compared(lead: Candidate, other: Candidate, first: Candidate) -> Reason:
    """Why `lead` and not `other`, an equally close office."""
    loads: dict[str, Fact] = {
        "mine": lead.occupancy,
        "theirs": other.occupancy,
        "threshold": round(MATTERS * 100),
    }
    if lead is first:
        return reason("first_named", agency=lead.agency.name, other=other.agency.name, **loads)
    gap = round((other.utilisation - lead.utilisation) * 100)
    return reason("balanced", other=other.agency.name, gap=gap, **loads)
