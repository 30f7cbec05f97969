"""A queue's rows as a person reads them (pure): the time left in the holder's working hours, where
the request is, and whether an escalation reached the reader."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from routing import deadlines, places
from routing.agencies import Network
from routing.console.timing import TimeLeft, time_left


@dataclass(frozen=True)
class Item:
    request_id: str
    tracking_code: str
    service_code: str
    status: str
    role: str
    """`lead`, `supporting`, `overseer`, or `watching` (a supervisor reading a request held below it)."""
    urgent: bool
    holder_code: str
    holder_name: str
    description: str
    reporters: int
    left: TimeLeft | None
    areas: tuple[str, ...]
    """The codes of the areas the request lies in, deepest first."""
    place: str
    """The deepest of them by name, or the address as given."""
    escalation_steps: int

    @property
    def late(self) -> bool:
        """The holder's own deadline has passed (the citizen's time to answer is not the holder's)."""
        return self.left is not None and self.left.overdue and self.left.deadline != "answer"


def item(row: dict[str, Any], network: Network, now: datetime) -> Item:
    holder = network.agencies[row["agency_code"]]
    where = places.placed(network, row["lat"], row["long"], row["area_code"], row["address"])
    chain = where.chain or ()
    left = time_left(
        row["status"],
        acknowledge_by=row["acknowledge_by"],
        resolve_by=row["resolve_by"],
        answer_by=row["answer_by"],
        now=now,
        calendar=holder.calendar_for(row["urgent"]),
    )
    return Item(
        request_id=row["request_id"],
        tracking_code=row["tracking_code"],
        service_code=row["service_code"],
        status=row["status"],
        role=row["role"],
        urgent=row["urgent"],
        holder_code=holder.code,
        holder_name=holder.name,
        description=row["description"],
        reporters=row["reporters"],
        left=left,
        areas=tuple(a.code for a in chain),
        place=places.label(chain[0]) if chain else (row["address"] or ""),
        escalation_steps=row["escalation_step"] if row["deadline_kind"] != "answer" else 0,
    )


def in_area(found: Item, area_code: str | None) -> bool:
    return area_code is None or area_code in found.areas


def reached(found: Item, me: str, network: Network) -> bool:
    """Whether the escalation of a missed deadline has climbed as far as `me`."""
    ladder = deadlines.ladder(network.agencies[found.holder_code], network)
    return me in [office.code for office in ladder[1 : found.escalation_steps]]


def needs_a_look(found: Item, me: str, network: Network) -> bool:
    """A supervisor's list: escalated to them, or already past the holder's deadline."""
    return found.late or reached(found, me, network)
