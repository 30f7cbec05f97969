"""How much time is left on a request, as its holder counts it (pure).

An agency's deadlines count its working hours (on-call time for an urgent request); the citizen's
time to answer a question counts calendar time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from dekat.vocabulary import Deadline, Status

from routing import calendars, statuses
from routing.calendars import Calendar


@dataclass(frozen=True)
class TimeLeft:
    deadline: Deadline
    due: datetime
    hours: float
    """Working hours left (calendar hours for the citizen's answer); negative once it has passed."""

    @property
    def overdue(self) -> bool:
        return self.hours < 0


def time_left(
    status: Status,
    *,
    acknowledge_by: datetime,
    resolve_by: datetime,
    answer_by: datetime | None,
    now: datetime,
    calendar: Calendar,
) -> TimeLeft | None:
    """The deadline that runs in `status` and the time left to it; None once nothing runs."""
    running = statuses.deadline_for(status, acknowledge_by, resolve_by, answer_by)
    if running is None:
        return None
    kind, due = running
    if kind == "answer":
        return TimeLeft(kind, due, (due - now).total_seconds() / 3600)
    if due >= now:
        return TimeLeft(kind, due, calendars.working_hours_between(now, due, calendar))
    return TimeLeft(kind, due, -calendars.working_hours_between(due, now, calendar))


def spoken(hours: float, language: str) -> str:
    """`2 jam 30 menit` / `2 h 30 min`: the size of a time left or overdue, in whole minutes."""
    minutes = round(abs(hours) * 60)
    h, m = divmod(minutes, 60)
    units = ("jam", "menit") if language == "id" else ("h", "min")
    parts = ([f"{h} {units[0]}"] if h else []) + ([f"{m} {units[1]}"] if m or not h else [])
    return " ".join(parts)


def spoken_calendar(hours: float, language: str) -> str:
    """Calendar time as a person says it: `5 hari`, `2 days 4 h`; under two days, as `spoken`."""
    if abs(hours) < 48:
        return spoken(hours, language)
    days, rest = divmod(round(abs(hours)), 24)
    unit = "hari" if language == "id" else "days"
    return f"{days} {unit}" + (f" {spoken(rest, language)}" if rest else "")
