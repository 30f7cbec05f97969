"""`python -m bench.bare api|route|notify`: one part of the bare pipeline."""

from __future__ import annotations

import asyncio
import sys

import uvicorn

from bench.bare import api, hops
from bench.bare.config import Settings

settings = Settings()
part = sys.argv[1] if len(sys.argv) > 1 else "api"
if part == "api":
    uvicorn.run(api.create_app(settings), host="127.0.0.1", port=settings.http_port, log_level="warning")
else:
    asyncio.run(hops.run(part, settings))
