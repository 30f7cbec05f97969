"""The citizen follows their request through intake while the agency works it through routing:
every change routing announces reaches intake's tracking view, and the citizen's answers reach
the agency (the three services as real processes)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from tests.e2e.stack import Stack, running_stack

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
async def stack(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Stack]:
    async with running_stack(tmp_path_factory.mktemp("full")) as running:
        yield running


async def until_status(stack: Stack, tracking_code: str, status: str, key: str = "") -> dict[str, Any]:
    async with httpx.AsyncClient(base_url=stack.urls["intake"]) as client, asyncio.timeout(30):
        while (
            view := (await client.get(f"/v1/requests/by-code/{tracking_code}", params={"k": key})).json()
        ).get("status") != status:
            await asyncio.sleep(0.3)
    found: dict[str, Any] = view
    return found


async def test_a_blocked_drain_is_worked_by_its_agency_and_the_citizen_sees_each_step(stack: Stack) -> None:
    intake = httpx.AsyncClient(base_url=stack.urls["intake"])
    agency_api = httpx.AsyncClient(base_url=stack.urls["routing"])
    body = {
        "service_code": "blocked-drain",
        "description": "Got depan rumah tersumbat sampah",
        "lat": -6.1994,
        "long": 106.8324,
    }
    async with intake, agency_api:
        accepted = (await intake.post("/v1/requests", json=body)).json()
        code, mine = accepted["tracking_code"], {"k": accepted["reporter_key"]}
        await until_status(stack, code, "assigned")
        holder = (await agency_api.get(f"/v1/requests/{accepted['id']}/routing")).json()["agency_code"]
        key = {"X-API-Key": f"demo-{holder}-key"}

        async def act(action: str, **extra: str) -> None:
            response = await agency_api.post(
                f"/v1/agency/requests/{accepted['id']}/actions", json={"action": action, **extra}, headers=key
            )
            assert response.status_code == 200, response.text

        await act("acknowledge")
        await until_status(stack, code, "acknowledged")
        await act("request_info", note="Mohon kirim foto lokasi")
        asked = await until_status(stack, code, "info_requested")
        assert (
            await intake.post(
                f"/v1/requests/by-code/{code}/info", json={"comment": "Foto terlampir"}, params=mine
            )
        ).status_code == 202
        await until_status(stack, code, "in_progress")
        await act("resolve", note="Got sudah dibersihkan")
        await until_status(stack, code, "resolved")
        assert (
            await intake.post(f"/v1/requests/by-code/{code}/rating", json={"rating": 5}, params=mine)
        ).status_code == 202
        closed = await until_status(stack, code, "closed", mine["k"])

    assert "Mohon kirim foto lokasi" in str(asked["timeline"])
    said = [(e["text"], e["note"]) for e in closed["timeline"] if e["who"] == "citizen"]
    assert said == [("Jawaban Anda", "Foto terlampir"), ("Penilaian Anda", "5/5")]
    statuses = [entry["status"] for entry in closed["timeline"] if entry["who"] == "agency"]
    assert statuses == [
        "received",
        "assigned",
        "acknowledged",
        "info_requested",
        "in_progress",
        "resolved",
        "closed",
    ]
