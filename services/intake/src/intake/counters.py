"""Help-desk counters across the city: where they are, when they are open, which are nearest (pure).

Time is always an argument: `is_open(counter, now)` is the whole opening-hours rule.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
EARTH_RADIUS_KM = 6371.0


@dataclass(frozen=True)
class Counter:
    id: str
    name: str
    address: str
    lat: float
    long: float
    timezone: str
    hours: dict[str, tuple[tuple[time, time], ...]]
    """Weekday (`mon`…`sun`) → opening spans in local time; a day not listed is closed."""
    closed_on: frozenset[date] = frozenset()
    """Public holidays and other days the counter stays shut."""


def is_open(counter: Counter, now: datetime) -> bool:
    local = now.astimezone(ZoneInfo(counter.timezone))
    if local.date() in counter.closed_on:
        return False
    spans = counter.hours.get(DAYS[local.weekday()], ())
    return any(opens <= local.time() < closes for opens, closes in spans)


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


def spans(text: list[list[str]]) -> tuple[tuple[time, time], ...]:
    return tuple((time.fromisoformat(opens), time.fromisoformat(closes)) for opens, closes in text)


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
