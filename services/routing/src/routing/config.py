from __future__ import annotations

import json
from pathlib import Path

from dekat import production
from dekat.accounts.settings import StaffSettings
from dekat.settings import CommonSettings
from pydantic import SecretStr


class Settings(CommonSettings, StaffSettings):
    service: str = "routing"
    http_port: int = 8002
    database_url: str = "postgresql://routing:routing@127.0.0.1:5432/routing"
    kafka_username: str = "svc-routing"
    kafka_password: SecretStr = SecretStr("svc-routing-demo-kafka")
    kafka_admin_username: str = "svc-routing-admin"
    """The admin API's own principal: it creates agencies' Kafka users and ACLs (ALTER on the cluster)."""
    kafka_admin_password: SecretStr = SecretStr("svc-routing-admin-demo-kafka")
    network_path: str = "deploy/network/agencies.json"
    """The agencies file; `areas.geojson`, `streets.json`, `rules.json` and `api_keys.json` sit beside it."""
    catalogue_path: str = "deploy/catalogue/services.json"
    """The service catalogue the network and rules are checked against (intake's too)."""
    admin_api_key: SecretStr = SecretStr("dekat-admin-demo")
    deadline_poll_seconds: float = 5.0
    answer_days: float = 5.0
    """How long a citizen has to answer an agency's question, in calendar days."""
    public_url: str = "http://127.0.0.1:8001"
    """intake's public address: photo links lead there."""
    agency_api_url: str = "http://127.0.0.1:8002"
    """routing's own public address: the photo links on agencies' work items point here."""
    link_secret: SecretStr = SecretStr("dekat-link-demo-secret")
    """Signs the short-lived photo links; intake is given the same secret."""
    clock_offset_seconds: float = 0.0
    """Start the clock this far ahead of real time (tests, demos)."""
    clock_adjustable: bool = False
    """Let the admin move the clock forward over HTTP (`POST /v1/admin/clock`): tests only."""

    def demo_values(self) -> list[str]:
        clocks = [
            f"{production.env_name(name)} is for tests and demos only"
            for name in ("clock_offset_seconds", "clock_adjustable")
            if getattr(self, name)
        ]
        return [*super().demo_values(), *clocks, *demo_agency_keys(self.network_path)]


def demo_agency_keys(network_path: str) -> list[str]:
    """The agencies whose key in `api_keys.json` (beside the network) is still `demo-<code>-key`."""
    path = Path(network_path).parent / "api_keys.json"
    if not path.is_file():
        return []
    entries = [(e["agency"], str(e["sha256"]).lower()) for e in json.loads(path.read_text())["keys"]]
    return production.demo_digests(str(path), entries, lambda agency: f"demo-{agency}-key")
