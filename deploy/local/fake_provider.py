"""A local SMS/WhatsApp provider for development and tests: `python deploy/local/fake_provider.py`.

- `POST /v1/messages` (`Idempotency-Key` header; JSON channel, to, body, reference, status_callback)
  accepts a message once per key: asking again returns the first answer and sends nothing new.
  After accepting it posts a signed delivery receipt to `status_callback` (retrying while notify
  is unreachable).
- `GET /v1/messages?to=...` lists what was accepted, with how many calls each key received.
- `POST /control` tells it to fail (`temporary` → 503, `permanent` → 422), to be slow (`delay`
  seconds before answering, after recording the message), or to stop sending receipts — for one
  recipient (`to`) or all (`"*"`). `DELETE /control` forgets every such rule.
- `POST /control/inbound` makes a citizen reply (e.g. "STOP"): posted, signed, to notify.

Callbacks carry `X-Dekat-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<body>">`.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import hmac
import itertools
import json
import logging
import os
import time
import uuid
from dataclasses import dataclass, field
from typing import Any, Literal

import httpx
import uvicorn
from fastapi import FastAPI, Header
from fastapi.responses import JSONResponse
from pydantic import BaseModel

log = logging.getLogger("fake_provider")


class Message(BaseModel):
    channel: str = "sms"
    to: str
    body: str
    reference: str | None = None
    status_callback: str | None = None


class Rule(BaseModel):
    to: str = "*"
    fail: Literal["temporary", "permanent"] | None = None
    delay: float = 0.0
    receipts: bool = True
    receipt_status: Literal["delivered", "failed"] = "delivered"


class Reply(BaseModel):
    sender: str
    text: str
    channel: Literal["sms", "whatsapp"] = "sms"


@dataclass
class Provider:
    secret: str
    notify_url: str
    receipt_delay: float
    accepted: dict[str, dict[str, Any]] = field(default_factory=dict)
    calls: dict[str, int] = field(default_factory=dict)
    rules: dict[str, Rule] = field(default_factory=dict)
    order: itertools.count[int] = field(default_factory=itertools.count)
    tasks: set[asyncio.Task[None]] = field(default_factory=set)
    clients: list[httpx.AsyncClient] = field(default_factory=list)

    def client(self) -> httpx.AsyncClient:
        """One client for every callback (made inside the event loop, on first use)."""
        if not self.clients:
            self.clients.append(httpx.AsyncClient(timeout=5))
        return self.clients[0]

    def rule_for(self, to: str) -> Rule:
        return self.rules.get(to) or self.rules.get("*") or Rule()

    def signed(self, payload: dict[str, Any]) -> tuple[bytes, dict[str, str]]:
        body = json.dumps(payload).encode()
        stamp = int(time.time())
        mac = hmac.new(self.secret.encode(), f"{stamp}.".encode() + body, hashlib.sha256).hexdigest()
        return body, {"content-type": "application/json", "X-Dekat-Signature": f"t={stamp},v1={mac}"}

    async def post_signed(self, url: str, payload: dict[str, Any], attempts: int = 12) -> int:
        """POST until notify answers (it may be restarting); returns the last status (0: unreachable)."""
        status, delay = 0, 0.25
        for _ in range(attempts):
            body, headers = self.signed(payload)
            try:
                status = (await self.client().post(url, content=body, headers=headers)).status_code
                if status < 500:
                    return status
            except httpx.HTTPError:
                status = 0
            await asyncio.sleep(delay)
            delay = min(delay * 2, 5.0)
        return status

    def receipt_later(self, message: dict[str, Any], status: str) -> None:
        async def send() -> None:
            await asyncio.sleep(self.receipt_delay)
            payload = {"reference": message["reference"], "message_id": message["id"], "status": status}
            await self.post_signed(message["status_callback"], payload)

        task = asyncio.create_task(send())
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)


def create_app(provider: Provider) -> FastAPI:
    app = FastAPI(title="Dekat fake SMS/WhatsApp provider")

    @app.post("/v1/messages", status_code=201)
    async def send(m: Message, idempotency_key: str | None = Header(default=None)) -> JSONResponse:
        key = idempotency_key or str(uuid.uuid4())
        provider.calls[key] = provider.calls.get(key, 0) + 1
        if key in provider.accepted:
            return JSONResponse({"id": provider.accepted[key]["id"], "duplicate": True}, status_code=200)
        rule = provider.rule_for(m.to)
        if rule.fail == "temporary":
            return JSONResponse({"error": "temporarily_unavailable"}, status_code=503)
        if rule.fail == "permanent":
            return JSONResponse({"error": "unreachable_recipient"}, status_code=422)
        message_id = f"fp-{uuid.uuid4().hex[:16]}"
        message = {**m.model_dump(), "id": message_id, "key": key, "seq": next(provider.order)}
        provider.accepted[key] = message
        log.info("accepted %s message %s", m.channel, message["id"])
        if rule.delay:
            await asyncio.sleep(rule.delay)
        if rule.receipts and m.status_callback:
            provider.receipt_later(message, rule.receipt_status)
        return JSONResponse({"id": message["id"]}, status_code=201)

    @app.get("/v1/messages")
    async def listing(to: str | None = None) -> list[dict[str, Any]]:
        found = [m for m in provider.accepted.values() if to is None or m["to"] == to]
        return [{**m, "calls": provider.calls[m["key"]]} for m in sorted(found, key=lambda m: m["seq"])]

    @app.post("/control")
    async def control(rule: Rule) -> dict[str, Any]:
        provider.rules[rule.to] = rule
        return {"rules": [r.model_dump() for r in provider.rules.values()]}

    @app.delete("/control")
    async def reset() -> dict[str, Any]:
        provider.rules.clear()
        return {"rules": []}

    @app.post("/control/inbound")
    async def inbound(reply: Reply) -> dict[str, int]:
        url = f"{provider.notify_url.rstrip('/')}/v1/callbacks/inbound"
        return {"notify_status": await provider.post_signed(url, reply.model_dump(), attempts=3)}

    @app.get("/health")
    async def health() -> dict[str, str]:
        return {"status": "ok"}

    return app


def main() -> None:
    parser = argparse.ArgumentParser(description="Dekat's local fake SMS/WhatsApp provider")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8004)
    parser.add_argument("--notify-url", default=os.environ.get("DEKAT_NOTIFY_URL", "http://127.0.0.1:8003"))
    parser.add_argument("--secret", default=os.environ.get("DEKAT_CALLBACK_SECRET", "dev-callback-secret"))
    parser.add_argument("--receipt-delay", type=float, default=0.2)
    args = parser.parse_args()
    logging.basicConfig(level="INFO", format="%(asctime)s %(name)s %(message)s")
    provider = Provider(args.secret, args.notify_url, args.receipt_delay)
    uvicorn.run(create_app(provider), host=args.host, port=args.port, log_level="warning")


if __name__ == "__main__":
    main()
