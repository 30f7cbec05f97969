"""Submissions and catalogue entries with defaults: a test says only what it is about."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from intake import catalogue
from intake.catalogue import Catalogue
from intake.requests import Contact
from intake.submissions import Submission

ROOT = Path(__file__).resolve().parents[3]
NOW = datetime(2026, 5, 4, 3, 0, tzinfo=UTC)  # a Monday, 10:00 in Jakarta
CATALOGUE: Catalogue = catalogue.load(ROOT / "deploy/catalogue/services.json")


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
