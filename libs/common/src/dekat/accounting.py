"""Every HTTP request counted, timed and logged by its route template, with its correlation id bound.

A pure ASGI middleware: it only watches the response start go by. (Starlette's
`BaseHTTPMiddleware`, which `@app.middleware("http")` builds, runs each request through extra
tasks and memory streams; under load that cost more than some handlers.)
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from dekat import logs
from dekat.metrics import Metrics

log = logging.getLogger("dekat.service")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]

QUIET_ROUTES = ("/metrics", "/health/live", "/health/ready")
"""Scraped and probed every few seconds: their access lines are debug, not info."""


def header(scope: Scope, name: bytes) -> str | None:
    return next((v.decode("latin-1") for k, v in scope["headers"] if k == name), None)


class Accounting:
    def __init__(self, app: App, *, metrics: Metrics) -> None:
        self.app, self.metrics = app, metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started, status = time.perf_counter(), 500
        correlation_id = header(scope, b"x-correlation-id")

        async def watched(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            with logs.bound(correlation_id=correlation_id):
                await self.app(scope, receive, watched)
        finally:
            account(self.metrics, scope, status, time.perf_counter() - started, correlation_id)


def account(metrics: Metrics, scope: Scope, status: int, seconds: float, correlation_id: str | None) -> None:
    """Count and time the request by its route template (never the raw path), and log one line."""
    route = getattr(scope.get("route"), "path", "unmatched")
    method = scope["method"]
    metrics.http_requests.labels(method, route, status).inc()
    metrics.http_duration.labels(method, route).observe(seconds)
    params = scope.get("path_params") or {}
    log.log(
        logging.DEBUG if route in QUIET_ROUTES else logging.INFO,
        "http request",
        extra={
            "method": method,
            "route": route,
            "status": status,
            "duration_ms": round(seconds * 1000, 1),
            "request_id": params.get("request_id") or params.get("id"),
            "correlation_id": correlation_id,
        },
    )
