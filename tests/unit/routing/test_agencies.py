from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from routing import agencies

NETWORK_FILE = Path(__file__).parents[3] / "deploy" / "network" / "agencies.json"


def document(**overrides: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "coordinator": "mpp",
        "agencies": [
            {"code": "mpp", "name": "MPP", "kind": "government", "capacity": 10, "timezone": "Asia/Jakarta"},
            {
                "code": "pam-jaya",
                "name": "PAM JAYA",
                "kind": "utility",
                "supervisor": "mpp",
                "capacity": 5,
                "timezone": "Asia/Jakarta",
            },
        ],
        "services": {"no-water-supply": "pam-jaya"},
    }
    return {**fields, **overrides}


def test_the_shipped_network_sends_potholes_to_dinas_bina_marga() -> None:
    network = agencies.load(NETWORK_FILE)

    assert network.agencies[network.services["pothole"]].name == "Dinas Bina Marga"
    assert network.coordinator in network.agencies


def test_an_agency_without_a_supervisor_reports_to_nobody() -> None:
    network = agencies.parse(document())

    assert network.agencies["mpp"].supervisor is None
    assert network.agencies["pam-jaya"].supervisor == "mpp"


@pytest.mark.parametrize(
    ("overrides", "unknown"),
    [
        ({"coordinator": "nobody"}, "nobody"),
        ({"services": {"pothole": "dinas-bina-marga"}}, "dinas-bina-marga"),
    ],
)
def test_a_network_that_names_an_undefined_agency_is_refused(overrides: dict[str, Any], unknown: str) -> None:
    with pytest.raises(ValueError, match=unknown):
        agencies.parse(document(**overrides))
