from __future__ import annotations

from dekat.settings import CommonSettings


class Settings(CommonSettings):
    service: str = "intake"
    http_port: int = 8001
    database_url: str = "postgresql://intake:intake@127.0.0.1:5432/intake"
    catalogue_path: str = "deploy/catalogue/services.json"
    public_url: str = "http://127.0.0.1:8001"
