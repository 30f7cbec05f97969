from __future__ import annotations

import json
from pathlib import Path

from dekat import production
from dekat.accounts.settings import StaffSettings
from dekat.settings import CommonSettings
from pydantic import SecretStr


class Settings(CommonSettings, StaffSettings):
    service: str = "intake"
    http_port: int = 8001
    database_url: str = "postgresql://intake:intake@127.0.0.1:5432/intake"
    kafka_username: str = "svc-intake"
    kafka_password: SecretStr = SecretStr("svc-intake-demo-kafka")
    catalogue_path: str = "deploy/catalogue/services.json"
    counters_path: str = "deploy/catalogue/counters.json"
    mobile_units_path: str = "deploy/catalogue/mobile_units.json"
    channel_keys_path: str = "deploy/catalogue/channel_keys.json"
    """SHA-256 digests of the counters' and mobile units' API keys."""
    open311_clients_path: str = "deploy/catalogue/open311_clients.json"
    """Open311 api keys and the client each identifies."""
    open311_jurisdiction: str = "dekat.example.id"
    public_url: str = "http://127.0.0.1:8001"
    max_body_bytes: int = 64 * 1024
    max_batch_bytes: int = 2 * 1024 * 1024
    """A mobile unit's sync batch may carry up to 500 items."""
    areas_poll_seconds: float = 30.0
    """How often the area index checks the table even without a notification."""
    rate_limit_submit_per_minute: float = 30
    """POSTs per minute from one client (an IPv4 address, an IPv6 /64); 0: no limit."""
    rate_limit_submit_burst: int = 10
    rate_limit_lookup_per_minute: float = 60
    """Tracking-page views and code lookups per minute from one client; 0: no limit."""
    rate_limit_lookup_burst: int = 20
    rate_limit_miss_cost: float = 10
    """What a lookup of a code that does not exist costs, in lookups: guessing runs dry fast."""
    rate_limit_key_per_minute: float = 600
    """Requests per minute carrying one counter's, mobile unit's or Open311 client's key."""
    rate_limit_key_burst: int = 100
    rate_limit_exempt: str = ""
    """Client networks never limited, comma-separated (the local stack exempts loopback for `make bench`)."""
    max_form_bytes: int = 24 * 1024 * 1024
    """The portal's request form: up to three photos of 5 MiB each, and the words."""
    idempotency_keep_hours: float = 24.0
    """How long an `Idempotency-Key` gets the first answer back; the retention job forgets it then."""
    erase_after_days: float = 30.0
    """A request done (resolved or closed) this long loses its citizen's personal data (intake.erasure)."""
    erase_batch_size: int = 100
    """Requests erased in one transaction."""
    link_secret: SecretStr = SecretStr("dekat-link-demo-secret")
    """Shared with routing, which signs the short-lived links agencies open photos with."""
    admin_api_key: SecretStr = SecretStr("dekat-admin-demo")
    """Operators' key for `/v1/admin/*` (counter staff accounts)."""
    http_workers: int = 1
    """Processes serving the one port; each also consumes, and only one relays (the advisory lock)."""
    public_projection: bool = True
    """Run the public projection's consumers in this process (`intake.projection`)."""
    public_generation_poll_seconds: float = 5.0
    """How soon this process notices a rebuild and starts consuming for the new generation."""
    public_refresh_seconds: float = 60.0
    """After the projection changed, how long to wait (gathering a burst) before computing the figures."""
    public_max_age_seconds: float = 3600.0
    """The figures are computed again at least this often: deadlines pass even when nothing happens."""

    def demo_values(self) -> list[str]:
        return [
            *super().demo_values(),
            *demo_channel_keys(self.channel_keys_path),
            *demo_open311_keys(self.open311_clients_path),
        ]


def demo_channel_keys(path: str) -> list[str]:
    """The counters and units whose key is still `demo-counter-<id>-key` / `demo-mobile-<id>-key`."""
    if not Path(path).is_file():
        return []
    entries = json.loads(Path(path).read_text())["keys"]
    owners = [(f"{e['channel']}:{e['id']}", str(e["sha256"]).lower()) for e in entries]
    return production.demo_digests(path, owners, lambda owner: f"demo-{owner.replace(':', '-', 1)}-key")


def demo_open311_keys(path: str) -> list[str]:
    if not Path(path).is_file():
        return []
    demo = sorted(c["client"] for c in json.loads(Path(path).read_text()) if "demo" in c["api_key"])
    return [f"{path} holds the demo api keys of {', '.join(demo)}"] if demo else []
