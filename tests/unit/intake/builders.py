"""Submissions and catalogue entries with defaults: a test says only what it is about."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from dekat.payloads import NetworkArea
from intake import areas, catalogue
from intake.areas import Places
from intake.catalogue import Catalogue
from intake.requests import Contact
from intake.submissions import Submission

ROOT = Path(__file__).resolve().parents[3]
NOW = datetime(2026, 5, 4, 3, 0, tzinfo=UTC)  # a Monday, 10:00 in Jakarta
CATALOGUE: Catalogue = catalogue.load(ROOT / "deploy/catalogue/services.json")


def network_areas(revision: int = 1) -> list[NetworkArea]:
    """The demo network's areas (DKI Jakarta, and Jakarta Pusat in detail), as routing announces them."""
    features = json.loads((ROOT / "deploy/network/areas.geojson").read_text())["features"]
    return [
        NetworkArea(**f["properties"], geometry=f["geometry"], revision=revision)  # code, name, level, parent
        for f in features
    ]


DEMO_NETWORK: Places = areas.places(network_areas())


def submission(**changes: Any) -> Submission:
    base = Submission(
        service_code="pothole",
        description="Lubang besar di Jl. Menteng Raya",
        channel="web",
        lat=-6.1951,
        long=106.8345,
    )
    return replace(base, **changes)


def citizen(**changes: Any) -> Contact:
    return replace(Contact(name="Dewi", email="dewi@example.id", phone="+62 813 1234 5678"), **changes)
