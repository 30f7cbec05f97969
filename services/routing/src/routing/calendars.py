"""Working time: deadlines count only an agency's working hours on its working days.

Indonesia keeps no daylight saving, so its three zones are fixed offsets from UTC.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

ZONES = {"WIB": 7, "WITA": 8, "WIT": 9}
ZONE_NAMES = {"Asia/Jakarta": "WIB", "Asia/Pontianak": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}
MAX_DAYS = 3660
"""A calendar with no working time at all must not loop forever."""


@dataclass(frozen=True)
class Calendar:
    zone: str = "WIB"
    opens: time = time(8, 0)
    closes: time = time(16, 0)
    weekdays: frozenset[int] = frozenset({0, 1, 2, 3, 4})
    """Monday is 0."""
    holidays: frozenset[date] = field(default_factory=frozenset)

    @property
    def tz(self) -> timezone:
        return timezone(timedelta(hours=ZONES[self.zone]), self.zone)

    def works_on(self, day: date) -> bool:
        return day.weekday() in self.weekdays and day not in self.holidays


def add_working_hours(start: datetime, hours: float, calendar: Calendar) -> datetime:
    """The moment `hours` of the calendar's working time after `start` have passed (in UTC)."""
    remaining = timedelta(hours=hours)
    moment = start.astimezone(calendar.tz)
    for _ in range(MAX_DAYS):
        day_opens, day_closes = opening_hours(moment.date(), calendar)
        if calendar.works_on(moment.date()) and moment < day_closes:
            moment = max(moment, day_opens)
            if moment + remaining <= day_closes:
                return (moment + remaining).astimezone(start.tzinfo)
            remaining -= day_closes - moment
        moment = datetime.combine(moment.date() + timedelta(days=1), time(0), calendar.tz)
    raise ValueError("the calendar has no working time in the next ten years")


def working_hours_between(start: datetime, end: datetime, calendar: Calendar) -> float:
    """How many of the calendar's working hours lie between `start` and `end`."""
    total = timedelta(0)
    day = start.astimezone(calendar.tz).date()
    while day <= end.astimezone(calendar.tz).date():
        if calendar.works_on(day):
            opens, closes = opening_hours(day, calendar)
            total += max(timedelta(0), min(closes, end) - max(opens, start))
        day += timedelta(days=1)
    return total / timedelta(hours=1)


def opening_hours(day: date, calendar: Calendar) -> tuple[datetime, datetime]:
    opens = datetime.combine(day, calendar.opens, calendar.tz)
    if calendar.closes == time.max:  # "24:00": the day ends at the next midnight
        return opens, datetime.combine(day + timedelta(days=1), time(0), calendar.tz)
    return opens, datetime.combine(day, calendar.closes, calendar.tz)


def parse(document: dict[str, Any]) -> Calendar:
    zone = ZONE_NAMES.get(document.get("timezone", "WIB"), document.get("timezone", "WIB"))
    if zone not in ZONES:
        raise ValueError(f"time zone must be WIB, WITA or WIT, not {zone}")
    opens, closes = (clock_time(t) for t in document.get("hours", ["08:00", "16:00"]))
    if closes <= opens:
        raise ValueError("working hours must close after they open")
    return Calendar(
        zone=zone,
        opens=opens,
        closes=closes,
        weekdays=frozenset(int(d) for d in document.get("weekdays", [0, 1, 2, 3, 4])),
        holidays=frozenset(date.fromisoformat(d) for d in document.get("holidays", [])),
    )


def clock_time(text: str) -> time:
    """ "08:00"; "24:00" is the end of the day, for agencies that never close."""
    return time.max if text == "24:00" else time.fromisoformat(text)


def as_document(calendar: Calendar) -> dict[str, Any]:
    return {
        "timezone": calendar.zone,
        "hours": [calendar.opens.isoformat("minutes"), clock_text(calendar.closes)],
        "weekdays": sorted(calendar.weekdays),
        "holidays": sorted(d.isoformat() for d in calendar.holidays),
    }


def clock_text(moment: time) -> str:
    return "24:00" if moment == time.max else moment.isoformat("minutes")
