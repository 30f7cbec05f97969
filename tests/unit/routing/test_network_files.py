"""The shipped demo network under deploy/network/ is complete and consistent."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest
from routing import keys, rules, sources
from routing.decisions import Request, decide

FOLDER = Path(__file__).parents[3] / "deploy" / "network"
FILES = sources.read(FOLDER / "agencies.json")
RULES = rules.parse(FILES.rules, version=1)
MONDAY_MORNING = datetime(2026, 3, 16, 2, 0, tzinfo=UTC)


def test_the_demo_network_has_at_least_twelve_agencies_of_every_kind_and_a_coordinator() -> None:
    kinds = Counter(a.kind for a in FILES.network.agencies.values())

    assert len(FILES.network.agencies) >= 12
    assert kinds["ngo"] >= 2
    assert kinds["utility"] >= 1
    assert kinds["private"] >= 1
    assert FILES.network.coordinator == "mpp-jakpus"


def test_every_agency_reports_up_to_the_coordinator() -> None:
    agencies = FILES.network.agencies
    for code in agencies:
        seen = [code]
        while agencies[seen[-1]].supervisor is not None:
            seen.append(str(agencies[seen[-1]].supervisor))
            assert len(seen) < 10, f"{code} has a supervision loop"
        assert seen[-1] == FILES.network.coordinator


@pytest.mark.parametrize(
    ("service", "lat", "lon", "lead"),
    [
        ("pothole", -6.1951, 106.8345, "dinas-bina-marga"),
        ("no-water-supply", -6.1754, 106.8272, "pam-jaya"),
        ("flooding", -6.1994, 106.8324, "dinas-sda"),
        ("street-vendor-obstruction", -6.1900, 106.8400, "kecamatan-menteng"),
        ("street-vendor-obstruction", -6.1740, 106.8420, "satpol-pp-jakpus"),
        ("id-card", None, None, "dukcapil-jakpus"),
        ("pothole", -6.2000, 106.8650, "mpp-jakpus"),
    ],
)
def test_the_demo_rules_send_requests_where_jakarta_would(
    service: str, lat: float | None, lon: float | None, lead: str
) -> None:
    decision = decide(Request("r", service, lat, lon), RULES, FILES.network, {}, MONDAY_MORNING)

    assert decision.agency.code == lead


def test_the_keys_file_holds_digests_of_the_documented_demo_keys_only() -> None:
    entries = {e["agency"]: e["sha256"] for e in FILES.keys}

    assert set(entries) == set(FILES.network.agencies)
    for code, stored in entries.items():
        assert keys.normalised_hash(stored) == keys.digest(f"demo-{code}-key")
        assert f"demo-{code}-key" not in (FOLDER / "api_keys.json").read_text()
