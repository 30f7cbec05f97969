import uvicorn

from notify.config import Settings
from notify.main import create_app

settings = Settings()
uvicorn.run(create_app(settings), host=settings.http_host, port=settings.http_port, log_config=None)
