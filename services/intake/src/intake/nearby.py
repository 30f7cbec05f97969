"""'Is this the same problem?': open public requests of the same service close to the citizen (pure)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from intake.counters import distance_km

RADIUS_M = 150.0
RECENT = timedelta(days=30)
METRES_PER_DEGREE = 111_320.0


@dataclass(frozen=True)
class Box:
    """A latitude/longitude rectangle around a point, for the index to narrow the search."""

    south: float
    north: float
    west: float
    east: float


def box_around(lat: float, long: float, radius_m: float = RADIUS_M) -> Box:
    dlat = radius_m / METRES_PER_DEGREE
    dlong = radius_m / (METRES_PER_DEGREE * max(math.cos(math.radians(lat)), 0.01))
    return Box(lat - dlat, lat + dlat, long - dlong, long + dlong)


def since(now: datetime) -> datetime:
    return now - RECENT


@dataclass(frozen=True)
class Near:
    view: dict[str, Any]
    """The request as the public may see it (`views.public`): no one's contact details."""
    metres: int


def closest(views: list[dict[str, Any]], lat: float, long: float, limit: int = 5) -> list[Near]:
    """Those within the radius, nearest first."""
    found = [
        Near(v, round(distance_km(lat, long, v["lat"], v["long"]) * 1000))
        for v in views
        if v.get("lat") is not None and v.get("long") is not None
    ]
    return sorted((n for n in found if n.metres <= RADIUS_M), key=lambda n: n.metres)[:limit]
