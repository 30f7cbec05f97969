"""Settings every service reads from the environment (local defaults from docs/design.md)."""

from __future__ import annotations

from typing import Self

from pydantic import model_validator
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
    outbox_keep_days: float = 3.0
    """Sent outbox rows are history once the broker confirmed them: deleted after this long."""
    kafka_retention_days: float = 7.0
    """The topics' retention (`log.retention.ms`; Kafka's default is 7 days)."""
    kafka_roll_days: float = 7.0
    """The topics' segment roll (`log.roll.ms`, default 7 days). Kafka deletes whole segments, so a
    message stays readable (and can be delivered again) for up to retention + roll."""
    inbox_keep_days: float = 14.0
    """Inbox rows, deleted after this long: at least retention + roll, or a replay would repeat effects."""
    retention_every_seconds: float = 3600.0
    retention_batch_size: int = 1000
    """Rows one retention statement deletes at most: short transactions, no long locks."""

    @model_validator(mode="after")
    def _inbox_outlives_the_topics(self) -> Self:
        readable = self.kafka_retention_days + self.kafka_roll_days
        if self.inbox_keep_days < readable:
            raise ValueError(
                f"DEKAT_INBOX_KEEP_DAYS ({self.inbox_keep_days:g}) must be at least"
                f" DEKAT_KAFKA_RETENTION_DAYS + DEKAT_KAFKA_ROLL_DAYS ({readable:g}):"
                " an event still on its topic would be handled twice"
            )
        return self
