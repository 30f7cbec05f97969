"""Rate limits on intake's public endpoints: a pure ASGI middleware over `rate_limits`' buckets.

Beyond its limit a client is answered 429 with `Retry-After` (Open311's error list under
`/open311`), before any handler runs, the same for a code that exists and one that does not.

The buckets live in this process: several workers or instances each keep their own, so a client
may get up to N times the limit from N of them. Where that matters, limit at the proxy in front too.
Behind a proxy, the client is the address it forwards (uvicorn's `FORWARDED_ALLOW_IPS`).
"""

from __future__ import annotations

import json
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from ipaddress import IPv4Network, IPv6Network
from urllib.parse import parse_qs

from dekat import error_body

from intake import channel_keys, open311_format
from intake.limits import App, Message, Receive, Scope, Send
from intake.metrics import IntakeMetrics
from intake.rate_limits import (
    Bucket,
    By,
    Limit,
    Rule,
    charge,
    client_of,
    exempt,
    names_a_code,
    retry_after,
    rule_for,
    take,
)

BucketKey = tuple[Rule, By, str]


@dataclass(frozen=True)
class Limits:
    submit: Limit
    lookup: Limit
    key: Limit
    """For a request carrying a key intake knows, whatever the rule."""
    miss_cost: float
    exempt: tuple[IPv4Network | IPv6Network, ...] = ()
    max_buckets: int = 100_000
    """Past this many, the least recently used are forgotten (memory stays bounded)."""

    def of(self, rule: Rule, by: By) -> Limit:
        return self.key if by == "key" else self.submit if rule == "submit" else self.lookup


class RateLimit:
    def __init__(
        self,
        app: App,
        *,
        limits: Limits,
        known_key: Callable[[str], bool],
        metrics: IntakeMetrics,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.app, self.limits, self.known_key, self.metrics, self.clock = (
            app,
            limits,
            known_key,
            metrics,
            clock,
        )
        self.buckets: OrderedDict[BucketKey, Bucket] = OrderedDict()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        rule = rule_for(scope.get("method", ""), scope.get("path", "")) if scope["type"] == "http" else None
        host = (scope.get("client") or (None, None))[0]
        if rule is None or exempt(host, self.limits.exempt):
            await self.app(scope, receive, send)
            return
        receive, credential = await credential_of(scope, receive)
        by: By = "key" if credential and self.known_key(credential) else "client"
        who = channel_keys.digest(credential) if by == "key" and credential else client_of(host)
        if wait := self.spend((rule, by, who)):
            self.metrics.rate_limited.labels(rule, by).inc()
            await refuse(scope["path"], wait, send)
            return
        status = await self.answered(scope, receive, send)
        if status == 404 and names_a_code(scope["path"]):
            self.metrics.code_misses.inc()
            self.miss(("lookup", by, who))

    def spend(self, key: BucketKey) -> float:
        limit = self.limits.of(key[0], key[1])
        bucket, wait = take(self.buckets.get(key), limit, self.clock())
        self.keep(key, bucket)
        return wait

    def miss(self, key: BucketKey) -> None:
        limit = self.limits.of(key[0], key[1])
        self.keep(key, charge(self.buckets.get(key), limit, self.clock(), self.limits.miss_cost))

    def keep(self, key: BucketKey, bucket: Bucket) -> None:
        self.buckets[key] = bucket
        self.buckets.move_to_end(key)
        while len(self.buckets) > self.limits.max_buckets:
            self.buckets.popitem(last=False)

    async def answered(self, scope: Scope, receive: Receive, send: Send) -> int:
        status = 0

        async def watching(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        await self.app(scope, receive, watching)
        return status


async def credential_of(scope: Scope, receive: Receive) -> tuple[Receive, str | None]:
    """The key the request carries (`X-API-Key`, or Open311's `api_key` in the query or the form),
    and a `receive` that hands the body on unread."""
    for name, value in scope.get("headers", ()):
        if name == b"x-api-key":
            return receive, value.decode("latin-1")
    query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
    if query.get("api_key"):
        return receive, query["api_key"][0]
    if not (scope["path"].startswith("/open311") and scope["method"] == "POST"):
        return receive, None
    body, replay = await buffered(receive)
    form = parse_qs(body.decode("utf-8", errors="replace"))
    return replay, form["api_key"][0] if form.get("api_key") else None


async def buffered(receive: Receive) -> tuple[bytes, Receive]:
    """The whole body (`BodyLimit`, in front, has bounded it), and a `receive` that replays it."""
    chunks: list[bytes] = []
    while True:
        message = await receive()
        chunks.append(message.get("body", b""))
        if message["type"] != "http.request" or not message.get("more_body", False):
            break
    body, sent = b"".join(chunks), False

    async def replay() -> Message:
        nonlocal sent
        if sent:
            return await receive()
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return body, replay


def refusal(path: str, seconds: int) -> tuple[bytes, str]:
    message = f"too many requests from this client: try again in {seconds} seconds"
    if path.startswith("/open311"):
        response = open311_format.errors(open311_format.format_of(path), 429, message)
        return bytes(response.body), response.media_type or "application/json"
    body = error_body.body(429, message, problems=[{"field": "client", "message": message}])
    return json.dumps(body).encode(), "application/json"


async def refuse(path: str, wait: float, send: Send) -> None:
    seconds = retry_after(wait)
    body, media_type = refusal(path, seconds)
    headers = [
        (b"content-type", media_type.encode()),
        (b"content-length", str(len(body)).encode()),
        (b"retry-after", str(seconds).encode()),
    ]
    await send({"type": "http.response.start", "status": 429, "headers": headers})
    await send({"type": "http.response.body", "body": body})
