"""Which kelurahan and kecamatan a request lies in, for the figures per area (pure).

The area the citizen chose, else the areas its point lies in, from intake's copy of the network
(`intake.areas`). A request placed only by its address (routing reads street names) has no area here.
"""

from __future__ import annotations

from intake.areas import Places
from intake.projection.facts import Place


def place(known: Places, area_code: str | None, lat: float | None, long: float | None) -> Place:
    if area_code and area_code in known.areas:
        return chosen(known, area_code)
    if lat is None or long is None:
        return Place()
    found = {a.level: a.code for a in known.containing(lat, long)}
    return Place(found.get("kelurahan"), found.get("kecamatan"))


def chosen(known: Places, area_code: str) -> Place:
    area = known.areas[area_code]
    if area.level == "kelurahan":
        return Place(area.code, area.parent)
    return Place(None, area.code) if area.level == "kecamatan" else Place()
