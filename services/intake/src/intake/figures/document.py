"""The published document: every group's figures, for all time, week by week and month by month,
with the formula they were computed with (pure). The public pages, the JSON and the agencies'
console read it; a snapshot of it is kept every week.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from dekat.vocabulary import AGENCY_KINDS

from intake.figures import figures, skm, trust
from intake.figures.measures import Key, Tally
from intake.figures.trust import Formula

WEEKS = 12
MONTHS = 12
ZONE = ZoneInfo("Asia/Jakarta")
LICENCE = {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}
DIMENSIONS = {"agency": "agencies", "kind": "kinds", "service": "services", "kecamatan": "kecamatan"}


@dataclass(frozen=True)
class Names:
    """Who and where each key is: agencies (name, kind), services and areas (their names)."""

    agencies: dict[str, tuple[str, str]] = field(default_factory=dict)
    services: dict[str, dict[str, str]] = field(default_factory=dict)
    areas: dict[str, str] = field(default_factory=dict)
    kecamatan: tuple[str, ...] = ()


@dataclass(frozen=True)
class Counted:
    """What `measures` counted: for all time, by week and by month; open now; demand."""

    all: dict[Key, dict[str, Tally]]
    weeks: dict[Key, dict[str, Tally]]
    months: dict[Key, dict[str, Tally]]
    open_now: dict[tuple[str, str], int]
    demand: list[tuple[str | None, str | None, str, str, int]]


def week_of(at: datetime) -> str:
    year, week, _ = at.astimezone(ZONE).isocalendar()
    return f"{year}-W{week:02d}"


def weeks_to(as_of: datetime, count: int = WEEKS) -> list[str]:
    return [week_of(as_of - timedelta(weeks=i)) for i in reversed(range(count))]


def months_to(as_of: datetime, count: int = MONTHS) -> list[str]:
    local = as_of.astimezone(ZONE)
    index = local.year * 12 + local.month - 1
    return [f"{(index - i) // 12}-{(index - i) % 12 + 1:02d}" for i in reversed(range(count))]


def first_week(as_of: datetime) -> datetime:
    """The start (in Jakarta) of the oldest week published: weeks are counted from here."""
    local = (as_of - timedelta(weeks=WEEKS - 1)).astimezone(ZONE)
    return datetime.combine(local.date() - timedelta(days=local.weekday()), datetime.min.time(), ZONE)


def first_month(as_of: datetime) -> datetime:
    year, month = map(int, months_to(as_of)[0].split("-"))
    return datetime(year, month, 1, tzinfo=ZONE)


def keys(dimension: str, counted: Counted, names: Names) -> list[str]:
    every: dict[str, list[str]] = {
        "agency": list(names.agencies),
        "kind": list(AGENCY_KINDS),
        "service": list(names.services),
        "kecamatan": list(names.kecamatan),
    }
    known = every[dimension]
    found = {k for (d, k, _) in counted.all if d == dimension}
    return sorted(dict.fromkeys([*known, *found]))


def about(dimension: str, key: str, names: Names) -> dict[str, Any]:
    if dimension == "agency":
        name, kind = names.agencies.get(key, (key, None))
        return {"code": key, "name": name, "kind": kind}
    if dimension == "service":
        return {"code": key, "name": names.services.get(key, {"id": key, "en": key})}
    if dimension == "kecamatan":
        return {"code": key, "name": names.areas.get(key, key)}
    return {"code": key}


def group(
    dimension: str, key: str, counted: Counted, names: Names, as_of: datetime, f: Formula
) -> dict[str, Any]:
    def period(found: dict[Key, dict[str, Tally]], label: str) -> dict[str, Any]:
        return {"period": label, **figures.figures(found.get((dimension, key, label), {}), f)}

    return {
        **about(dimension, key, names),
        **figures.figures(
            counted.all.get((dimension, key, "all"), {}), f, counted.open_now.get((dimension, key), 0)
        ),
        "weeks": [period(counted.weeks, w) for w in weeks_to(as_of)],
        "months": [period(counted.months, m) for m in months_to(as_of)],
    }


def demand(counted: Counted, names: Names) -> list[dict[str, Any]]:
    """Requests per kelurahan (by service and by month), the busiest first."""
    places: dict[str | None, dict[str, Any]] = {}
    for kelurahan, kecamatan, service, period, n in counted.demand:
        place = places.setdefault(
            kelurahan,
            {"code": kelurahan, "name": names.areas.get(kelurahan or "", None), "kecamatan": kecamatan,
             "total": 0, "services": {}, "months": {}},
        )  # fmt: skip
        place["months"][period] = place["months"].get(period, 0) + n
        place["services"][service] = place["services"].get(service, 0) + n
        place["total"] += n
    return sorted(places.values(), key=lambda p: (-p["total"], p["code"] or "~"))


def formula_of(f: Formula) -> dict[str, Any]:
    return {
        "version": f.version,
        "weights": dict(f.weights),
        "minimum_answers": f.minimum,
        "band": "wilson-95: every part's 95% Wilson interval, the index of all lower and of all upper bounds",
        "ikm_grades": {letter: floor for letter, floor in skm.GRADES},
    }


def document(counted: Counted, names: Names, as_of: datetime, f: Formula = trust.CURRENT) -> dict[str, Any]:
    """Everything published, as of `as_of`."""
    return {
        "as_of": as_of.isoformat(),
        "formula": formula_of(f),
        "licence": LICENCE,
        **{
            plural: [group(d, k, counted, names, as_of, f) for k in keys(d, counted, names)]
            for d, plural in DIMENSIONS.items()
        },
        "demand": demand(counted, names),
    }
