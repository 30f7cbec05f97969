"""The shipped demo network under deploy/network/ is complete and consistent."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest
from routing import keys, rules, sources
from routing.decisions import Request, decide

ROOT = Path(__file__).parents[3]
FOLDER = ROOT / "deploy" / "network"
FILES = sources.read(FOLDER / "agencies.json", ROOT / "deploy" / "catalogue" / "services.json")
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
        ("power-outage", -6.1754, 106.8272, "pln-jakarta"),
        ("flooding", -6.1994, 106.8324, "dinas-sda"),
        ("blocked-drain", -6.1994, 106.8324, "sudin-sda-jakpus"),
        ("street-vendor-obstruction", -6.1900, 106.8400, "kecamatan-menteng"),
        ("street-vendor-obstruction", -6.1740, 106.8420, "satpol-pp-jakpus"),
        ("id-card", None, None, "dukcapil-jakpus"),
        ("pothole", -6.2000, 106.8650, "dinas-bina-marga"),  # Matraman: the province's Dinas reaches it
        ("blocked-drain", -6.2000, 106.8650, "dinas-sda"),  # ... and no Suku Dinas of Jakarta Pusat does
        ("street-vendor-obstruction", -6.2000, 106.8650, "mpp-jakpus"),
        ("pothole", -6.5950, 106.8166, "mpp-jakpus"),  # Bogor: outside the network
    ],
)
def test_the_demo_rules_send_requests_where_jakarta_would(
    service: str, lat: float | None, lon: float | None, lead: str
) -> None:
    decision = decide(Request("r", service, lat, lon), RULES, FILES.network, {}, MONDAY_MORNING)

    assert decision.agency.code == lead


def test_a_blocked_drain_in_menteng_goes_to_the_suku_dinas_although_it_has_one_more_open() -> None:
    load = {"sudin-sda-jakpus": 25, "dinas-sda": 24}

    decision = decide(
        Request("r", "blocked-drain", -6.1994, 106.8324), RULES, FILES.network, load, MONDAY_MORNING
    )

    assert decision.agency.code == "sudin-sda-jakpus"
    assert "Dinas Sumber Daya Air" in decision.reasons[2]


@pytest.mark.parametrize(
    ("address", "lead"),
    [
        ("Pedagang di trotoar Jl. Cikini Raya no. 73", "kecamatan-menteng"),
        ("depan Pasar Senen, JALAN SENEN RAYA", "satpol-pp-jakpus"),
        ("Gang Buntu, Kelurahan Gondangdia", "kecamatan-menteng"),
        ("Jl. Entah Di Mana 1", "mpp-jakpus"),
    ],
)
def test_an_address_alone_is_placed_by_the_shipped_street_list_and_area_names(
    address: str, lead: str
) -> None:
    asked = Request("r", "street-vendor-obstruction", address=address)

    assert decide(asked, RULES, FILES.network, {}, MONDAY_MORNING).agency.code == lead


def test_every_urgent_service_has_an_agency_on_call_and_the_coordinator_is_one() -> None:
    on_call = {code for code, a in FILES.network.agencies.items() if a.on_call is not None}

    assert FILES.network.coordinator in on_call
    assert {"pam-jaya", "pln-jakarta", "satpol-pp-jakpus", "pmi-jakpus", "dinas-sda"} <= on_call
    for service in FILES.catalogue.urgent:
        assert any(FILES.network.agencies[c].handles_service(service) for c in on_call), service


def test_every_street_names_an_area_of_the_network() -> None:
    assert set(FILES.network.streets.values()) <= set(FILES.network.areas)


def test_the_keys_file_holds_digests_of_the_documented_demo_keys_only() -> None:
    entries = {e["agency"]: e["sha256"] for e in FILES.keys}

    assert set(entries) == set(FILES.network.agencies)
    for code, stored in entries.items():
        assert keys.normalised_hash(stored) == keys.digest(f"demo-{code}-key")
        assert f"demo-{code}-key" not in (FOLDER / "api_keys.json").read_text()
