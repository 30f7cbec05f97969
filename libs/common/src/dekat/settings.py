"""Settings every service reads from the environment (local defaults from docs/design.md)."""

from __future__ import annotations

from pydantic_settings import BaseSettings, SettingsConfigDict


class CommonSettings(BaseSettings):
    """`DEKAT_*` environment variables; each service's config adds its own defaults."""

    model_config = SettingsConfigDict(env_prefix="DEKAT_", extra="ignore")

    service: str = "dekat"
    kafka_bootstrap: str = "127.0.0.1:9092"
    database_url: str = "postgresql://dekat:dekat@127.0.0.1:5432/dekat"
    http_host: str = "127.0.0.1"
    http_port: int = 8000
    outbox_poll_seconds: float = 1.0
    outbox_batch_size: int = 200
    reconnect_max_seconds: float = 5.0
    log_level: str = "INFO"
    consumer_workers: int = 3
    """Consumers per subscription in one process, each taking a share of the partitions."""
    namespace: str = ""
    """Prepended to every topic and consumer group: lets a test stack share a broker with others."""
