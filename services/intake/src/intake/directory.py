"""Where to meet Dekat in person: the help-desk counters open now, the mobile units' next stops (pure).

The counters are `counters.py`'s; the mobile units' timetable (`visits` in mobile_units.json, in the
unit's local time) is read here, since only the portal shows it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from intake.counters import DAYS, Counter, distance_km, is_open

Point = tuple[float, float]


@dataclass(frozen=True)
class CounterToday:
    counter: Counter
    open_now: bool
    today: tuple[tuple[time, time], ...]
    distance_km: float | None = None


def counters_today(counters: list[Counter], now: datetime, near: Point | None = None) -> list[CounterToday]:
    """Every counter with today's hours: open ones first, then the nearest (or by name)."""
    rows = [today(c, now, near) for c in counters]
    return sorted(rows, key=lambda r: (not r.open_now, r.distance_km or 0.0, r.counter.name))


def today(c: Counter, now: datetime, near: Point | None) -> CounterToday:
    local = now.astimezone(ZoneInfo(c.timezone))
    spans = () if local.date() in c.closed_on else c.hours.get(DAYS[local.weekday()], ())
    away = distance_km(near[0], near[1], c.lat, c.long) if near else None
    return CounterToday(c, is_open(c, now), spans, away)


@dataclass(frozen=True)
class Stop:
    """One weekly stop of a mobile unit."""

    unit: str
    kabupaten: str
    day: str
    opens: time
    closes: time
    place: str
    timezone: str = "Asia/Jakarta"


@dataclass(frozen=True)
class Visit:
    stop: Stop
    on: date


def stop(unit: dict[str, Any], visit: dict[str, str]) -> Stop:
    opens, closes = time.fromisoformat(visit["from"]), time.fromisoformat(visit["to"])
    zone = unit.get("timezone", "Asia/Jakarta")
    return Stop(unit["name"], unit["kabupaten"], visit["day"], opens, closes, visit["place"], zone)


def load_stops(path: str | Path) -> list[Stop]:
    return [stop(unit, v) for unit in json.loads(Path(path).read_text()) for v in unit.get("visits", ())]


def next_visit(s: Stop, now: datetime) -> Visit:
    local = now.astimezone(ZoneInfo(s.timezone))
    ahead = (DAYS.index(s.day) - local.weekday()) % 7
    if ahead == 0 and local.time() >= s.closes:
        ahead = 7
    return Visit(s, local.date() + timedelta(days=ahead))


def upcoming(all_stops: list[Stop], now: datetime, limit: int = 6) -> list[Visit]:
    """The next visit of every stop, soonest first."""
    visits = sorted((next_visit(s, now) for s in all_stops), key=lambda v: (v.on, v.stop.opens))
    return visits[:limit]
