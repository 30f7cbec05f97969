"""The bare pipeline's settings (`BARE_*` environment variables)."""

from __future__ import annotations

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="BARE_", extra="ignore")

    database_url: str = "postgresql://dekat_test:dekat_test@127.0.0.1:5432/bare"
    kafka_bootstrap: str = "127.0.0.1:9092"
    namespace: str = "bare."
    http_port: int = 28101
    smtp_port: int = 28125
    batch_size: int = 500

    def topic(self, name: str) -> str:
        return self.namespace + name


SUBMITTED, CONTACT = "requests.submitted.v1", "citizens.contact.v1"
AGENCY = "agency.{code}.requests.v1"
