"""How long a request waited, in the working hours of the agency holding it (pure).

Counted as routing counts its deadlines (`dekat.calendars`): an urgent request in the agency's
on-call time, any other in its working calendar. Until the agency's calendar is known (its
`network.agency` may come after the request's events), no duration is counted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from dekat import calendars
from dekat.calendars import Calendar
from dekat.payloads import NetworkAgency

from intake.projection.facts import Record


@dataclass(frozen=True)
class WorkingTime:
    """An agency's calendars, as the network announced them."""

    calendar: Calendar
    on_call: Calendar | None
    revision: int

    def for_request(self, urgent: bool) -> Calendar:
        return self.on_call if urgent and self.on_call is not None else self.calendar


@dataclass(frozen=True)
class Hours:
    to_assign: float | None = None
    """From the submission to the first assignment."""
    to_acknowledge: float | None = None
    """From the assignment to the agency holding it to its acknowledgement."""
    to_resolve: float | None = None
    """From the submission to the resolution: the citizen's whole wait."""


def working_time(agency: NetworkAgency) -> WorkingTime:
    return WorkingTime(calendars.parse(agency.calendar), on_call_of(agency.on_call), agency.revision)


def on_call_of(on_call: bool | dict[str, Any]) -> Calendar | None:
    if on_call is True:
        return calendars.ROUND_THE_CLOCK
    return calendars.parse(on_call) if isinstance(on_call, dict) else None


def between(start: datetime | None, end: datetime | None, calendar: Calendar) -> float | None:
    if start is None or end is None or end < start:
        return None
    return round(calendars.working_hours_between(start, end, calendar), 2)


def hours(r: Record, time: WorkingTime | None) -> Hours:
    if time is None:
        return Hours()
    calendar = time.for_request(r.urgent)
    return Hours(
        to_assign=between(r.submitted_at, r.first_assigned_at, calendar),
        to_acknowledge=between(r.assigned_at, r.acknowledged_at, calendar),
        to_resolve=between(r.submitted_at, r.resolved_at, calendar),
    )
