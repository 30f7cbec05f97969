"""The agencies, as the suite plays them: every third request is acknowledged by its agency once
the work item is on the agency's topic, over routing's agency API with the agency's key; while
routing does not answer (a fault), the agency tries again."""

from __future__ import annotations

import asyncio
import time

import httpx

from tests.faults.ledger import Observer
from tests.faults.load import GIVE_UP_SECONDS, Sent

DONE = {200, 409, 422}
"""Taken, or refused because an earlier attempt whose answer was lost was taken already."""


class Agencies:
    def __init__(self, routing_url: str, observer: Observer, sent: list[Sent]) -> None:
        self._client = httpx.AsyncClient(base_url=routing_url, timeout=10)
        self._observer = observer
        self._sent = sent
        self._acting: set[int] = set()
        self._tasks: set[asyncio.Task[None]] = set()

    async def run(self) -> None:
        """Forever: act on every new work item of a request its agency acknowledges."""
        while True:
            for s in self._sent:
                if s.acts and s.request_id and s.n not in self._acting and (agency := self._lead(s)):
                    self._acting.add(s.n)
                    task = asyncio.create_task(self._acknowledge(s, agency))
                    self._tasks.add(task)
                    task.add_done_callback(self._tasks.discard)
            await asyncio.sleep(0.5)

    def _lead(self, s: Sent) -> str | None:
        records = self._observer.world.agencies.get(s.request_id or "", [])
        return next((r.agency for r in records if r.type == "agency.work_item"), None)

    async def _acknowledge(self, s: Sent, agency: str) -> None:
        started, tried = time.monotonic(), False
        while time.monotonic() - started < GIVE_UP_SECONDS:
            status = await self._post(s, agency)
            if status == 200 or (status in DONE and tried):
                s.acted = time.monotonic()
                return
            tried = tried or status in (0, 500, 502, 503, 504)
            await asyncio.sleep(1.0)

    async def _post(self, s: Sent, agency: str) -> int:
        try:
            response = await self._client.post(
                f"/v1/agency/requests/{s.request_id}/actions",
                json={"action": "acknowledge"},
                headers={"X-API-Key": f"demo-{agency}-key"},
            )
        except httpx.TransportError:
            return 0
        return response.status_code

    async def settle(self, timeout: float) -> None:
        async with asyncio.timeout(timeout):
            while self._tasks:
                await asyncio.sleep(0.2)

    async def close(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        await self._client.aclose()
