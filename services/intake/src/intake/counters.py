"""Help-desk counters across the city: where they are, when they are open, which are nearest (pure).

Time is always an argument: `is_open(counter, now)` is the whole opening-hours rule, and
`next_opening(counter, now)` says when a closed counter opens again.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
EARTH_RADIUS_KM = 6371.0
MIDNIGHT = time.max
"""A span closing at `24:00`: open until the day ends, not a minute (or a second) before."""
LOOK_AHEAD_DAYS = 14
"""How far ahead `next_opening` looks; a counter shut longer than that is shown as not opening."""


@dataclass(frozen=True)
class Counter:
    id: str
    name: str
    address: str
    lat: float
    long: float
    timezone: str
    hours: dict[str, tuple[tuple[time, time], ...]]
    """Weekday (`mon`…`sun`) → opening spans in local time; a day not listed is closed.
    A span closing at `MIDNIGHT` stays open to the end of the day."""
    closed_on: frozenset[date] = frozenset()
    """Public holidays and other days the counter stays shut."""


def spans_on(counter: Counter, day: date) -> tuple[tuple[time, time], ...]:
    if day in counter.closed_on:
        return ()
    return counter.hours.get(DAYS[day.weekday()], ())


def in_span(opens: time, closes: time, at: time) -> bool:
    return opens <= at and (at < closes or closes == MIDNIGHT)


def is_open(counter: Counter, now: datetime) -> bool:
    local = now.astimezone(ZoneInfo(counter.timezone))
    return any(in_span(opens, closes, local.time()) for opens, closes in spans_on(counter, local.date()))


def next_opening(counter: Counter, now: datetime) -> datetime | None:
    """When a closed counter next opens, in its own time zone; None if not within two weeks."""
    zone = ZoneInfo(counter.timezone)
    today = now.astimezone(zone).date()
    for day in (today + timedelta(days=n) for n in range(LOOK_AHEAD_DAYS + 1)):
        for opens, _ in sorted(spans_on(counter, day)):
            at = datetime.combine(day, opens, tzinfo=zone)
            if at > now:
                return at
    return None


def closed_message(counter: Counter, opens_at: datetime | None) -> str:
    """`… is closed now; it opens on Monday 2026-05-04 at 08:00 (Asia/Jakarta)`."""
    if opens_at is None:
        return f"{counter.name} is closed now, and not open in the next {LOOK_AHEAD_DAYS} days"
    day = DAY_NAMES[opens_at.weekday()]
    when = f"{day} {opens_at:%Y-%m-%d} at {opens_at:%H:%M} ({counter.timezone})"
    return f"{counter.name} is closed now; it opens on {when}"


def clock(t: time) -> str:
    """`08:00`, and `24:00` for a span open to midnight."""
    return "24:00" if t == MIDNIGHT else t.isoformat("minutes")


def distance_km(lat1: float, long1: float, lat2: float, long2: float) -> float:
    """Great-circle (haversine) distance."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(long2 - long1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def nearest_open(
    counters: list[Counter], lat: float, long: float, now: datetime, limit: int = 3
) -> list[tuple[Counter, float]]:
    """The open counters closest to a point, nearest first, with their distance in km."""
    open_now = [c for c in counters if is_open(c, now)]
    ranked = sorted(((c, distance_km(lat, long, c.lat, c.long)) for c in open_now), key=lambda cd: cd[1])
    return ranked[:limit]


def closing(text: str) -> time:
    """`24:00` (and `23:59`, `23:59:59`, which people write meaning the same) close at midnight."""
    return MIDNIGHT if text in {"24:00", "23:59", "23:59:59"} else time.fromisoformat(text)


def spans(text: list[list[str]]) -> tuple[tuple[time, time], ...]:
    return tuple((time.fromisoformat(opens), closing(closes)) for opens, closes in text)


def counter(entry: dict[str, Any]) -> Counter:
    return Counter(
        id=entry["id"],
        name=entry["name"],
        address=entry["address"],
        lat=float(entry["lat"]),
        long=float(entry["long"]),
        timezone=entry.get("timezone", "Asia/Jakarta"),
        hours={day: spans(entry["hours"].get(day, [])) for day in DAYS},
        closed_on=frozenset(date.fromisoformat(d) for d in entry.get("closed_on", ())),
    )


def load(path: str | Path) -> list[Counter]:
    return [counter(e) for e in json.loads(Path(path).read_text())]
