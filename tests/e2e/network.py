"""routing's network reaching an intake that runs without routing (the portal's own tests)."""

from __future__ import annotations

import asyncio

import httpx
from dekat import topics
from dekat.events import new_event
from dekat.payloads import AREA

from tests.conftest import KAFKA
from tests.integration.effects import produce
from tests.unit.intake.builders import network_areas


async def serve_network(intake_url: str, namespace: str) -> None:
    """Announce the demo network's areas as routing would, and wait until intake knows them all."""
    areas = network_areas()
    events = [new_event(AREA, subject=a.code, data=a, source="routing").to_bytes() for a in areas]
    await produce(KAFKA, namespace + topics.NETWORK_AREAS, events, key=b"jakarta-pusat")
    kecamatan = sum(a.level == "kecamatan" for a in areas)
    async with httpx.AsyncClient(base_url=intake_url, timeout=30) as c, asyncio.timeout(60):
        while len((await c.get("/v1/areas")).json()["kecamatan"]) < kecamatan:
            await asyncio.sleep(0.3)
