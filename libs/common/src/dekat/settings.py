"""Settings every service reads from the environment (local defaults from docs/design.md)."""

from __future__ import annotations

from typing import Literal

from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class CommonSettings(BaseSettings):
    """`DEKAT_*` environment variables; each service's config adds its own defaults."""

    model_config = SettingsConfigDict(env_prefix="DEKAT_", extra="ignore")

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
