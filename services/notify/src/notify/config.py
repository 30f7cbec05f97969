from __future__ import annotations

from dekat.settings import CommonSettings
from pydantic import SecretStr


class Settings(CommonSettings):
    service: str = "notify"
    http_port: int = 8003
    database_url: str = "postgresql://notify:notify@127.0.0.1:5432/notify"
    kafka_username: str = "svc-notify"
    kafka_password: SecretStr = SecretStr("svc-notify-demo-kafka")
    smtp_host: str = "127.0.0.1"
    smtp_port: int = 8025
    smtp_timeout_seconds: float = 30.0
    mail_from: str = "Dekat <no-reply@dekat.local>"
    public_url: str = "http://127.0.0.1:8001"
    """intake's address: status, rating and answer links in messages point there."""
    notify_url: str = "http://127.0.0.1:8003"
    """notify's own public address: preference links and provider callbacks point there."""
    sms_provider_url: str = "http://127.0.0.1:8004"
    """One provider, or several separated by commas: tried in turn while they refuse for good."""
    whatsapp_provider_url: str = "http://127.0.0.1:8004"
    provider_timeout_seconds: float = 10.0
    callback_secret: SecretStr = SecretStr("dev-callback-secret")
    """Shared with the SMS/WhatsApp providers: their callbacks are signed with it (HMAC-SHA256)."""
    operator_api_key: SecretStr = SecretStr("dekat-operator-demo")
    """`X-API-Key` for operators' endpoints (the notification log); set your own in production."""
    preferences_secret: SecretStr = SecretStr("dev-preferences-secret")
    preferences_link_days: int = 30
    dispatch_poll_seconds: float = 1.0
    dispatch_workers: int = 4
    """Messages in flight at once, each on its own kept SMTP connection: sending is mostly waiting."""
    send_lease_seconds: float = 60.0
    """A message claimed longer ago than this, with no outcome recorded, is tried again (same key)."""
    retry_first_seconds: float = 30.0
    retry_max_seconds: float = 600.0
    max_attempts: int = 6
    quiet_hours: str = "21:00-07:00"
    """Citizens' local time in which non-urgent messages are held; empty: no quiet hours."""
    clock_file: str | None = None
    """Tests and demos only: a file holding an ISO time that notify takes as "now" (movable)."""

    def demo_values(self) -> list[str]:
        clock = ["DEKAT_CLOCK_FILE is for tests and demos only"] if self.clock_file else []
        return [*super().demo_values(), *clock]
