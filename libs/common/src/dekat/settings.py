"""Settings every service reads from the environment (local defaults from docs/design.md)."""

from __future__ import annotations

from typing import Any, Literal, Self
from urllib.parse import urlsplit

from pydantic import SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from dekat import production


class CommonSettings(BaseSettings):
    """`DEKAT_*` environment variables; each service's config adds its own defaults."""

    model_config = SettingsConfigDict(env_prefix="DEKAT_", extra="ignore")

    env: Literal["development", "production"] = "development"
    """`production` refuses to start on the demo's secrets, keys and test clocks (`demo_values`)."""
    service: str = "dekat"
    kafka_bootstrap: str = "127.0.0.1:9092"
    kafka_security_protocol: Literal["SASL_SSL", "SASL_PLAINTEXT", "PLAINTEXT"] = "SASL_SSL"
    kafka_sasl_mechanism: Literal["SCRAM-SHA-512", "PLAIN"] = "SCRAM-SHA-512"
    """PLAIN only for the node's own internal listener (deploy/local/kafka.sh); clients use SCRAM."""
    kafka_username: str = "dekat-admin"
    """Tools default to the local super-user; each service's config names its own principal."""
    kafka_password: SecretStr = SecretStr("dekat-admin-demo-kafka")
    kafka_ca_file: str | None = ".run/kafka/tls/ca.pem"
    """The certificate authority that signed the broker's certificate (None: the system's)."""
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

    @model_validator(mode="after")
    def _nothing_of_the_demo_in_production(self) -> Self:
        if self.env == "production" and (found := self.demo_values()):
            raise ValueError(production.refusal(found))
        return self

    def demo_values(self) -> list[str]:
        """What in these settings was made for the demo; each service adds its own (key files, clocks)."""
        found = production.demo_secrets(self)
        if self.database_url == type(self).model_fields["database_url"].default:
            found.append("DEKAT_DATABASE_URL is the local demo database (its password is the role's name)")
        return found

    def shown(self) -> dict[str, Any]:
        """The settings as a log line may show them: secrets starred, passwords cut out of URLs."""
        return {name: shown(value) for name, value in self}


def shown(value: Any) -> Any:
    if isinstance(value, SecretStr):
        return str(value)
    if isinstance(value, str) and "://" in value and (parts := urlsplit(value)).password:
        return value.replace(f":{parts.password}@", ":**********@", 1)
    return value
