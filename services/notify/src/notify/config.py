from __future__ import annotations

from dekat.settings import CommonSettings


class Settings(CommonSettings):
    service: str = "notify"
    http_port: int = 8003
    database_url: str = "postgresql://notify:notify@127.0.0.1:5432/notify"
    smtp_host: str = "127.0.0.1"
    smtp_port: int = 8025
    smtp_timeout_seconds: float = 30.0
    mail_from: str = "Dekat <no-reply@dekat.local>"
    public_url: str = "http://127.0.0.1:8001"
    """intake's address: status links in messages point there."""
    dispatch_poll_seconds: float = 1.0
