"""One case, many reporters (the three services as real processes, real Kafka and PostgreSQL): a
citizen follows a case instead of reporting it again, an agency merges a duplicate into the case
routing pointed it to, and every reporter hears of each change of the case exactly once."""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from dekat import topics

from tests.conftest import KAFKA
from tests.e2e.mailbox import messages_to, text_of
from tests.e2e.stack import Stack, running_stack
from tests.kafka_reader import read_all

pytestmark = pytest.mark.e2e

AGENCY = "dinas-bina-marga"
KEY = {"X-API-Key": f"demo-{AGENCY}-key"}


@pytest.fixture(scope="module")
async def stack(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Stack]:
    async with running_stack(tmp_path_factory.mktemp("cases")) as running:
        yield running


def email() -> str:
    return f"warga.{uuid.uuid4().hex[:8]}@example.id"


def pothole(address: str) -> dict[str, Any]:
    return {
        "service_code": "pothole",
        "description": "Lubang besar di depan pasar, motor sering jatuh",
        "lat": -6.1951,
        "long": 106.8345,
        "attributes": {"size": "large"},
        "citizen": {"email": address},
    }


async def submitted(intake: httpx.AsyncClient, address: str) -> dict[str, Any]:
    response = await intake.post("/v1/requests", json=pothole(address))
    assert response.status_code == 201, response.text
    found: dict[str, Any] = response.json()
    return found


async def assigned(routing: httpx.AsyncClient, request_id: str) -> dict[str, Any]:
    async with asyncio.timeout(60):
        while (
            response := await routing.get(f"/v1/agency/requests/{request_id}", headers=KEY)
        ).status_code != 200:
            await asyncio.sleep(0.3)
    found: dict[str, Any] = response.json()
    return found


async def act(routing: httpx.AsyncClient, request_id: str, action: str, **body: str) -> None:
    response = await routing.post(
        f"/v1/agency/requests/{request_id}/actions", json={"action": action, **body}, headers=KEY
    )
    assert response.status_code == 200, response.text


async def work_items(stack: Stack, request_id: str) -> list[dict[str, Any]]:
    records = await read_all(KAFKA, stack.namespace + topics.agency(AGENCY))
    found = [json.loads(r.value) for r in records if r.key == request_id.encode()]
    return [e["data"] for e in found if e["type"] == "agency.work_item"]


async def test_three_reporters_of_one_case_each_hear_of_every_change_once(stack: Stack) -> None:
    first, follower, duplicate_reporter = email(), email(), email()
    async with (
        httpx.AsyncClient(base_url=stack.urls["intake"], timeout=30) as intake,
        httpx.AsyncClient(base_url=stack.urls["routing"], timeout=30) as routing,
    ):
        case = await submitted(intake, first)
        await assigned(routing, case["id"])
        followed = await intake.post(f"/v1/requests/{case['id']}/followers", json={"email": follower})
        duplicate = await submitted(intake, duplicate_reporter)
        pointed = await assigned(routing, duplicate["id"])

        await act(routing, duplicate["id"], "merge", merge_into=case["id"])
        async with asyncio.timeout(60):
            while (await work_items(stack, case["id"]))[-1]["reporters"] < 3:
                await asyncio.sleep(0.3)
        await act(routing, case["id"], "acknowledge")
        await act(routing, case["id"], "resolve", note="Lubang sudah ditambal")
        for address in (first, follower, duplicate_reporter):
            await until_told(address, "Lubang sudah ditambal")
        counts = {a: len(messages_to(a)) for a in (first, follower, duplicate_reporter)}
        await asyncio.sleep(3)  # a second message for any change would have arrived by now
        open311 = (await intake.get(f"/open311/v2/requests/{duplicate['id']}.json")).json()[0]
        duplicate_page = (await intake.get(f"/v1/requests/by-code/{duplicate['tracking_code']}")).json()

    assert followed.status_code == 201
    assert case["id"] in pointed["possible_duplicates"]
    for address in (first, follower, duplicate_reporter):
        assert len(messages_to(address)) == counts[address], f"{address} was told something twice"
        assert len(told(address, "Lubang sudah ditambal")) == 1
    assert (open311["status"], duplicate_page["status"], duplicate_page["merged"]) == (
        "closed",
        "resolved",
        True,
    )


def told(address: str, words: str) -> list[str]:
    return [body for body in map(text_of, messages_to(address)) if words in body]


async def until_told(address: str, words: str) -> None:
    async with asyncio.timeout(90):
        while not told(address, words):
            await asyncio.sleep(0.5)


async def test_only_an_open_public_request_can_be_followed(stack: Stack) -> None:
    async with httpx.AsyncClient(base_url=stack.urls["intake"]) as intake:
        private = await intake.post("/v1/requests", json={**pothole(email()), "privacy": "confidential"})
        refused = await intake.post(f"/v1/requests/{private.json()['id']}/followers", json={"email": email()})
        nobody = await intake.post(f"/v1/requests/{uuid.uuid4()}/followers", json={"email": email()})
        unreachable = await intake.post(
            f"/v1/requests/{private.json()['id']}/followers", json={"name": "Budi"}
        )

    assert (refused.status_code, refused.json()["problems"][0]["field"]) == (409, "request_id")
    assert nobody.status_code == 404
    assert (unreachable.status_code, unreachable.json()["problems"][0]["field"]) == (422, "email")
