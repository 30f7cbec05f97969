import uvicorn

from intake.config import Settings

settings = Settings()
uvicorn.run(
    "intake.main:create_app",
    factory=True,
    workers=settings.http_workers,
    host=settings.http_host,
    port=settings.http_port,
    log_config=None,
)
