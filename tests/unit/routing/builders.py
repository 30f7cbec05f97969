"""A small network and rule set for decision tests: say only what a test is about."""

from __future__ import annotations

from datetime import time
from typing import Any

from routing import agencies, areas, rules
from routing.agencies import Agency, Coverage, Network
from routing.calendars import ROUND_THE_CLOCK, Calendar
from routing.decisions import Request
from routing.rules import RuleSet

EVERY_HOUR = Calendar(opens=time(0), closes=time.max, weekdays=frozenset(range(7)), public_holidays=False)
OFFICE_HOURS = Calendar(public_holidays=False)
"""08:00-16:00 WIB, Monday to Friday."""


def square(west: float, south: float, size: float) -> dict[str, Any]:
    ring = [
        [west, south],
        [west + size, south],
        [west + size, south + size],
        [west, south + size],
        [west, south],
    ]
    return {"type": "Polygon", "coordinates": [ring]}


def area_collection() -> dict[str, Any]:
    """A province -1..14, a city 0..10 in it, a kecamatan 0..5 in the city's south-west corner, a
    kelurahan 0..2 inside that."""

    def feature(
        code: str, name: str, level: str, parent: str | None, shape: dict[str, Any]
    ) -> dict[str, Any]:
        props = {"code": code, "name": name, "level": level, "parent": parent}
        return {"type": "Feature", "properties": props, "geometry": shape}

    return {
        "type": "FeatureCollection",
        "features": [
            feature("province", "DKI Jakarta", "province", None, square(-1, -1, 15)),
            feature("city", "Jakarta Pusat", "city", "province", square(0, 0, 10)),
            feature("kec-menteng", "Menteng", "kecamatan", "city", square(0, 0, 5)),
            feature("kel-menteng", "Menteng", "kelurahan", "kec-menteng", square(0, 0, 2)),
        ],
    }


def agency(
    code: str,
    capacity: int = 40,
    supervisor: str | None = "mpp",
    handles: dict[str, list[str]] | None = None,
    *,
    on_call: bool = False,
    calendar: Calendar = EVERY_HOUR,
) -> Agency:
    """`handles` maps an area code (or "anywhere") to the services handled there."""
    coverage = tuple(
        Coverage(frozenset(services), frozenset() if where == "anywhere" else frozenset({where}))
        for where, services in (handles or {}).items()
    )
    name = code.replace("-", " ").title().replace("Sda", "SDA").replace("Lh", "LH")
    return Agency(
        code,
        name,
        "government",
        supervisor,
        capacity,
        calendar,
        coverage,
        ROUND_THE_CLOCK if on_call else None,
    )


def network(*extra: Agency) -> Network:
    known = [
        agency("mpp", 200, supervisor=None, on_call=True),
        agency("dinas-sda", 40, handles={"province": ["blocked-drain", "flooding"]}, on_call=True),
        agency("sudin-sda", 40, supervisor="dinas-sda", handles={"city": ["blocked-drain"]}),
        agency("dinas-lh", 50, handles={"city": ["missed-waste-pickup"]}),
        agency("waste4change", 30, supervisor="dinas-lh", handles={"kec-menteng": ["missed-waste-pickup"]}),
        agency("kecamatan-menteng", 20, handles={"kec-menteng": ["street-vendor-obstruction"]}),
        agency("satpol-pp", 40, handles={"city": ["street-vendor-obstruction"]}),
        agency("dukcapil", 80, handles={"anywhere": ["id-card"]}),
        agency("pmi", 30, handles={"city": ["flooding"]}, on_call=True),
        agency("bina-marga", 40, handles={"province": ["pothole"]}, calendar=OFFICE_HOURS),
        *extra,
    ]
    return agencies.checked(
        Network({a.code: a for a in known}, areas.parse(area_collection()), "mpp", STREETS)
    )


def rule_set(*extra: dict[str, Any], version: int = 7) -> RuleSet:
    document = {
        "default_deadlines": {"acknowledge_hours": 8, "resolve_hours": 72},
        "rules": [
            {
                "id": "drainage",
                "services": ["blocked-drain"],
                "area": "province",
                "lead": ["sudin-sda", "dinas-sda"],
            },
            {"id": "roads", "services": ["pothole"], "area": "province", "lead": ["bina-marga"]},
            {"id": "flooding", "services": ["flooding"], "area": "city", "lead": ["dinas-sda"]},
            {
                "id": "flooding-urgent",
                "services": ["flooding"],
                "area": "city",
                "when": {"priority": "urgent"},
                "lead": ["dinas-sda"],
                "supporting": ["pmi"],
                "deadlines": {"acknowledge_hours": 1, "resolve_hours": 6},
            },
            {
                "id": "flooding-deep",
                "services": ["flooding"],
                "when": {"attributes": {"depth": "waist"}},
                "lead": ["dinas-sda"],
                "supporting": ["pmi"],
            },
            {"id": "waste", "services": ["missed-waste-pickup"], "area": "city"},
            {
                "id": "vendors",
                "services": ["street-vendor-obstruction"],
                "area": "city",
                "lead": ["satpol-pp"],
            },
            {
                "id": "vendors-menteng",
                "services": ["street-vendor-obstruction"],
                "area": "kec-menteng",
                "lead": ["kecamatan-menteng"],
            },
            {"id": "civil", "services": ["id-card"], "lead": ["dukcapil"]},
            *extra,
        ],
    }
    return rules.parse(document, version)


IN_KELURAHAN_MENTENG = (1.0, 1.0)
IN_KECAMATAN_MENTENG_ONLY = (4.0, 4.0)
IN_THE_CITY_ONLY = (8.0, 8.0)
IN_THE_PROVINCE_ONLY = (12.0, 12.0)
OUTSIDE = (20.0, 20.0)
STREETS = {"Jl. Menteng Raya": "kel-menteng", "Jalan Sabang": "kec-menteng"}


def request(
    service_code: str = "blocked-drain",
    at: tuple[float, float] | None = IN_KELURAHAN_MENTENG,
    priority: str = "normal",
    *,
    address: str | None = None,
    area_code: str | None = None,
    **attributes: str,
) -> Request:
    lat, lon = at if at is not None else (None, None)
    return Request(
        "5b0f3c1e-9d1a-4f57-9a57-3d1b6f0e2c11", service_code, lat, lon, priority, attributes,
        address=address, area_code=area_code,
    )  # fmt: skip
