"""Steady HTTP load on intake, a unique citizen per request, as a well-behaved client sends it:
an `Idempotency-Key` per request, and the same key again after a 503, a 429 or no answer at all,
until intake answers 201 (acknowledged) or the client gives up."""

from __future__ import annotations

import asyncio
import contextlib
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

import httpx

SERVICES = ("pothole", "streetlight-out", "missed-waste-pickup")
"""Three services, three lead agencies: the work items land on several agency topics."""
GIVE_UP_SECONDS = 120.0
ACTED_ON = 3
RETRYABLE = {429, 500, 502, 503, 504}


@dataclass
class Sent:
    n: int
    phase: str
    channel: str
    """How this citizen wants to be told: `email` (mail only) or `sms` (a phone number only)."""
    address: str
    key: str
    started: float
    request_id: str | None = None
    acknowledged: float | None = None
    attempts: int = 0
    answers: list[int] = field(default_factory=list)
    acted: float | None = None
    """When its agency's acknowledgement was taken (every `ACTED_ON`th request's agency acts)."""

    @property
    def acts(self) -> bool:
        """Its agency acknowledges it, once the work item is on its topic: a third change."""
        return self.n % ACTED_ON == 0


def citizen(run: str, n: int, channel: str) -> dict[str, Any]:
    """A citizen no other request has: their own email, or their own phone number."""
    if channel == "email":
        return {"name": f"Warga {n}", "email": f"w{n}.{run}@faults.example.id", "channels": ["email"]}
    return {"name": f"Warga {n}", "phone": f"+62 812 {run_digits(run)}{n:06d}", "channels": ["sms"]}


def run_digits(run: str) -> str:
    return f"{int(run, 16) % 100:02d}"


def address_of(person: dict[str, Any]) -> str:
    return str(person.get("email") or person["phone"])


def body(n: int, person: dict[str, Any]) -> dict[str, Any]:
    return {
        "service_code": SERVICES[n % len(SERVICES)],
        "description": f"Laporan beban {n}",
        "lat": -6.1951,
        "long": 106.8345,
        "citizen": person,
    }


class Load:
    """Submits `rate` requests a second while running, each under the current `phase`."""

    def __init__(self, intake_url: str, rate: float, *, concurrency: int = 60) -> None:
        self.url = intake_url
        self.rate = rate
        self.phase = "warm-up"
        self.sent: list[Sent] = []
        self.run = uuid.uuid4().hex[:6]
        self._gate = asyncio.Semaphore(concurrency)
        self._tasks: set[asyncio.Task[None]] = set()
        self._client = httpx.AsyncClient(base_url=intake_url, timeout=10)

    def of(self, phase: str) -> list[Sent]:
        return [s for s in self.sent if s.phase == phase]

    async def steady(self) -> None:
        """Forever (until cancelled): one new request every 1/rate seconds."""
        while True:
            self.submit()
            await asyncio.sleep(1 / self.rate)

    async def burst(self, count: int, seconds: float) -> None:
        for _ in range(count):
            self.submit()
            await asyncio.sleep(seconds / count)

    def submit(self) -> None:
        n = len(self.sent)
        channel = "email" if n % 2 == 0 else "sms"
        person = citizen(self.run, n, channel)
        s = Sent(n, self.phase, channel, address_of(person), f"{self.run}-{n}", time.monotonic())
        self.sent.append(s)
        task = asyncio.create_task(self._send(s, body(n, person)))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _send(self, s: Sent, payload: dict[str, Any]) -> None:
        async with self._gate:
            while time.monotonic() - s.started < GIVE_UP_SECONDS:
                s.attempts += 1
                status = await self._post(s, payload)
                s.answers.append(status)
                if status == 201:
                    s.acknowledged = time.monotonic()
                    return
                if status not in RETRYABLE and status != 0:
                    return
                await asyncio.sleep(min(0.5 * s.attempts, 3.0))

    async def _post(self, s: Sent, payload: dict[str, Any]) -> int:
        try:
            response = await self._client.post(
                "/v1/requests", json=payload, headers={"Idempotency-Key": s.key}
            )
        except httpx.TransportError:
            return 0
        if response.status_code == 201:
            s.request_id = response.json()["id"]
        return response.status_code

    async def settle(self, timeout: float = GIVE_UP_SECONDS) -> None:
        """Wait for every request sent to be answered for good (or given up)."""
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(timeout):
                while self._tasks:
                    await asyncio.sleep(0.2)

    async def close(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        await self._client.aclose()
