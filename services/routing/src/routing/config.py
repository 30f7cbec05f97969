from __future__ import annotations

from dekat.settings import CommonSettings


class Settings(CommonSettings):
    service: str = "routing"
    http_port: int = 8002
    database_url: str = "postgresql://routing:routing@127.0.0.1:5432/routing"
    network_path: str = "deploy/network/agencies.json"
