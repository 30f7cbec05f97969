from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from dekat.payloads import RequestSubmitted
from routing.agencies import Agency, Network
from routing.decisions import RULE_VERSION, decide

NOW = datetime(2025, 3, 10, 9, 30, tzinfo=UTC)


def agency(code: str, name: str, supervisor: str | None = "mpp-jakpus") -> Agency:
    return Agency(code, name, "government", supervisor, capacity=40, timezone="Asia/Jakarta")


def network(**services: str) -> Network:
    known = [
        agency("mpp-jakpus", "Mal Pelayanan Publik Jakarta Pusat", supervisor=None),
        agency("dinas-bina-marga", "Dinas Bina Marga"),
        agency("pam-jaya", "PAM JAYA"),
        agency("dinas-sda", "Dinas Sumber Daya Air"),
    ]
    table = services or {
        "pothole": "dinas-bina-marga",
        "streetlight-out": "dinas-bina-marga",
        "water-main-break": "pam-jaya",
        "flooding": "dinas-sda",
    }
    return Network(agencies={a.code: a for a in known}, services=table, coordinator="mpp-jakpus")


def submitted(**overrides: Any) -> RequestSubmitted:
    fields: dict[str, Any] = {
        "request_id": "5b0f3c1e-9d1a-4f57-9a57-3d1b6f0e2c11",
        "tracking_code": "DK-7K3M-9QXA",
        "service_code": "pothole",
        "description": "A deep hole in the left lane",
        "lat": -6.1862,
        "long": 106.8341,
        "channel": "web",
        "submitted_at": NOW,
    }
    return RequestSubmitted(**{**fields, **overrides})


def test_pothole_goes_to_dinas_bina_marga_and_says_why() -> None:
    decision = decide(network(), submitted(service_code="pothole"), NOW)

    assert decision.agency.code == "dinas-bina-marga"
    assert decision.reasons == ("pothole requests are handled by Dinas Bina Marga",)


@pytest.mark.parametrize(
    ("service_code", "agency_code", "reason"),
    [
        ("streetlight-out", "dinas-bina-marga", "streetlight out requests are handled by Dinas Bina Marga"),
        ("water-main-break", "pam-jaya", "water main break requests are handled by PAM JAYA"),
        ("flooding", "dinas-sda", "flooding requests are handled by Dinas Sumber Daya Air"),
    ],
)
def test_each_service_goes_to_the_agency_the_table_names(
    service_code: str, agency_code: str, reason: str
) -> None:
    decision = decide(network(), submitted(service_code=service_code), NOW)

    assert decision.agency.code == agency_code
    assert decision.reasons == (reason,)


def test_unknown_service_falls_back_to_the_coordinator() -> None:
    decision = decide(network(), submitted(service_code="broken-bench"), NOW)

    assert decision.agency.code == "mpp-jakpus"
    assert decision.reasons == (
        "no agency is set to handle broken bench requests,"
        " so the coordinator Mal Pelayanan Publik Jakarta Pusat takes it",
    )


def test_with_an_empty_service_table_everything_goes_to_the_coordinator() -> None:
    empty = Network(agencies=network().agencies, services={}, coordinator="mpp-jakpus")

    decision = decide(empty, submitted(service_code="pothole"), NOW)

    assert decision.agency.code == "mpp-jakpus"


@pytest.mark.parametrize("service_code", ["pothole", "flooding", "broken-bench"])
def test_every_decision_gives_a_reason_and_the_rule_version(service_code: str) -> None:
    decision = decide(network(), submitted(service_code=service_code), NOW)

    assert decision.reasons
    assert all(reason.strip() for reason in decision.reasons)
    assert decision.rule_version == RULE_VERSION == 1


@pytest.mark.parametrize(
    "now",
    [NOW, datetime(2025, 12, 31, 23, 0, tzinfo=UTC), datetime(2025, 3, 15, 3, 0, tzinfo=UTC)],
)
def test_acknowledge_within_4_hours_and_resolve_within_72_hours_of_now(now: datetime) -> None:
    decision = decide(network(), submitted(submitted_at=now - timedelta(days=2)), now)

    assert decision.acknowledge_by == now + timedelta(hours=4)
    assert decision.resolve_by == now + timedelta(hours=72)
