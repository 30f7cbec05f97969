from __future__ import annotations

from dekat.settings import CommonSettings


class Settings(CommonSettings):
    service: str = "intake"
    http_port: int = 8001
    database_url: str = "postgresql://intake:intake@127.0.0.1:5432/intake"
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
    max_form_bytes: int = 24 * 1024 * 1024
    """The portal's request form: up to three photos of 5 MiB each, and the words."""
    link_secret: str = "dekat-dev-link-secret"
    """Shared with routing, which signs the short-lived links agencies open photos with."""
    areas_path: str = "deploy/network/areas.geojson"
    """The network's areas for the portal's place chooser (see `places.py`)."""
