"""The bare pipeline's settings (`BARE_*` environment variables)."""

from __future__ import annotations

from typing import Literal

from dekat.clients import Kafka
from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="BARE_", extra="ignore")

    database_url: str = "postgresql://dekat_test:dekat_test@127.0.0.1:5432/bare"
    kafka_bootstrap: str = "127.0.0.1:9092"
    kafka_security_protocol: Literal["SASL_SSL", "SASL_PLAINTEXT", "PLAINTEXT"] = "SASL_SSL"
    kafka_sasl_mechanism: Literal["SCRAM-SHA-512", "PLAIN"] = "SCRAM-SHA-512"
    kafka_username: str = "dekat-admin"
    kafka_password: SecretStr = SecretStr("dekat-admin-demo-kafka")
    kafka_ca_file: str | None = ".run/kafka/tls/ca.pem"
    namespace: str = "bare."
    http_port: int = 28101
    smtp_port: int = 28125
    batch_size: int = 500

    def kafka(self) -> Kafka:
        """The same client security as Dekat's (TLS and SCRAM cost the same on both sides)."""
        return Kafka(
            self.kafka_bootstrap,
            self.kafka_security_protocol,
            self.kafka_sasl_mechanism,
            self.kafka_username,
            self.kafka_password,
            self.kafka_ca_file,
        )

    def topic(self, name: str) -> str:
        return self.namespace + name


SUBMITTED, CONTACT = "requests.submitted.v1", "citizens.contact.v1"
AGENCY = "agency.{code}.requests.v1"
