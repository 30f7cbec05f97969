"""Bodies past a size limit get 413, and NUL characters 400, before any handler reads them."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from dekat import error_body

from intake import open311_format
from intake.metrics import IntakeMetrics

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]


def channel_of(path: str) -> str:
    for prefix, channel in (
        ("/open311", "open311"),
        ("/v1/counters", "counter"),
        ("/v1/mobile-units", "mobile"),
    ):
        if path.startswith(prefix):
            return channel
    return "web"


def too_large(path: str, limit: int) -> tuple[bytes, str]:
    message = f"the body is larger than {limit} bytes"
    if path.startswith("/open311"):
        fmt = open311_format.format_of(path)
        response = open311_format.errors(fmt, 413, message)
        return bytes(response.body), response.media_type or "application/json"
    problems = [{"field": "body", "message": message}]
    return json.dumps(error_body.body(413, message, problems=problems)).encode(), "application/json"


def multipart(scope: Scope) -> bool:
    """A form with files (the portal's photos): binary parts hold NULs; its reader checks the text."""
    content_type = dict(scope.get("headers", ())).get(b"content-type", b"")
    return bool(content_type.lower().startswith(b"multipart/form-data"))


def nul_in(scope: Scope, body: bytes) -> str | None:
    """Where a NUL character hides, if anywhere: PostgreSQL text can never store one."""
    if "\x00" in scope["path"] or b"%00" in scope.get("query_string", b""):
        return "path" if "\x00" in scope["path"] else "query"
    if multipart(scope):
        return None
    if b"\x00" in body or b"\\u0000" in body or b"%00" in body:
        return "body"
    return None


def refused_nul(path: str, where: str) -> tuple[bytes, str]:
    message = "NUL characters are not accepted"
    if path.startswith("/open311"):
        response = open311_format.errors(open311_format.format_of(path), 400, f"{where}: {message}")
        return bytes(response.body), response.media_type or "application/json"
    body = error_body.body(400, problems=[{"field": where, "message": message}])
    return json.dumps(body).encode(), "application/json"


BODYLESS = frozenset({"GET", "HEAD", "OPTIONS"})


class BodyLimit:
    """Reads the body up to its limit (by path), then hands it on; beyond the limit, 413."""

    def __init__(self, app: App, *, limit: int, limits: dict[str, int], metrics: IntakeMetrics) -> None:
        self.app, self.limit, self.limits, self.metrics = app, limit, limits, metrics

    def limit_for(self, path: str) -> int:
        return next((n for prefix, n in self.limits.items() if path.startswith(prefix)), self.limit)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope["path"])
        body = b"" if scope["method"] in BODYLESS else await self.read(receive, limit)
        if body is None:
            await self.refuse(scope["path"], limit, send)
            return
        if where := nul_in(scope, body):
            await self.respond(send, 400, *refused_nul(scope["path"], where))
            return
        if scope["method"] in BODYLESS:  # nothing was read: a streamed answer still hears the disconnect
            await self.app(scope, receive, send)
            return
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if sent:
                return await receive()
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)

    async def read(self, receive: Receive, limit: int) -> bytes | None:
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                return None
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        return b"".join(chunks)

    async def refuse(self, path: str, limit: int, send: Send) -> None:
        self.metrics.rejected.labels(channel_of(path), "oversize").inc()
        body, media_type = too_large(path, limit)
        await self.respond(send, 413, body, media_type)

    async def respond(self, send: Send, status: int, body: bytes, media_type: str) -> None:
        headers = [(b"content-type", media_type.encode()), (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})
