"""Working time: deadlines and durations count only an agency's working hours on its working days.

Zones come from the IANA database (`zoneinfo`), Indonesia's public holidays and joint leave days
(cuti bersama) from the `holidays` package; a calendar's own `holidays` are local additions.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import holidays

ZONES = ("Asia/Jakarta", "Asia/Pontianak", "Asia/Makassar", "Asia/Jayapura")
"""Indonesia's zones: WIB (Jakarta, Pontianak), WITA (Makassar), WIT (Jayapura)."""
ALIASES = {"WIB": "Asia/Jakarta", "WITA": "Asia/Makassar", "WIT": "Asia/Jayapura"}
MAX_DAYS = 3660
"""A calendar with no working time at all must not loop forever."""


@dataclass(frozen=True)
class Calendar:
    zone: str = "Asia/Jakarta"
    opens: time = time(8, 0)
    closes: time = time(16, 0)
    weekdays: frozenset[int] = frozenset({0, 1, 2, 3, 4})
    """Monday is 0."""
    holidays: frozenset[date] = field(default_factory=frozenset)
    """Local days off, beyond the national ones."""
    public_holidays: bool = True
    """Closed on Indonesia's national public holidays."""
    cuti_bersama: bool = True
    """Closed on the government's joint leave days too."""

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.zone)

    def works_on(self, day: date) -> bool:
        if day.weekday() not in self.weekdays or day in self.holidays:
            return False
        return not self.public_holidays or day not in national_holidays(day.year, self.cuti_bersama)


ROUND_THE_CLOCK = Calendar(
    opens=time(0), closes=time.max, weekdays=frozenset(range(7)), public_holidays=False, cuti_bersama=False
)
"""Every hour of every day: on-call cover."""


@functools.cache
def national_holidays(year: int, cuti_bersama: bool) -> frozenset[date]:
    """Indonesia's public holidays in `year`, with the joint leave days when asked."""
    categories = ("public", "government") if cuti_bersama else ("public",)
    return frozenset(holidays.country_holidays("ID", years=year, categories=categories))


def add_working_hours(start: datetime, hours: float, calendar: Calendar) -> datetime:
    """The moment `hours` of the calendar's working time after `start` have passed (in `start`'s zone)."""
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
    zone = ALIASES.get(document.get("timezone", "Asia/Jakarta"), document.get("timezone", "Asia/Jakarta"))
    if zone not in ZONES:
        raise ValueError(f"time zone must be one of {', '.join(ZONES)} (or WIB, WITA, WIT), not {zone}")
    opens, closes = (clock_time(t) for t in document.get("hours", ["08:00", "16:00"]))
    if closes <= opens:
        raise ValueError("working hours must close after they open")
    return Calendar(
        zone=zone,
        opens=opens,
        closes=closes,
        weekdays=frozenset(int(d) for d in document.get("weekdays", [0, 1, 2, 3, 4])),
        holidays=frozenset(date.fromisoformat(d) for d in document.get("holidays", [])),
        public_holidays=bool(document.get("public_holidays", True)),
        cuti_bersama=bool(document.get("cuti_bersama", True)),
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
        "public_holidays": calendar.public_holidays,
        "cuti_bersama": calendar.cuti_bersama,
    }


def clock_text(moment: time) -> str:
    return "24:00" if moment == time.max else moment.isoformat("minutes")
