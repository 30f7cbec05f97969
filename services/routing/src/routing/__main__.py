import uvicorn

from routing.config import Settings
from routing.main import create_app

settings = Settings()
uvicorn.run(create_app(settings), host=settings.http_host, port=settings.http_port, log_config=None)
