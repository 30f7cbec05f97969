"""A request flows through the real stack: HTTP → intake → Kafka → routing → agency topic,
and the citizen gets one email (docs/design.md invariants 1, 2, 5 and 6)."""

from __future__ import annotations

import asyncio
import re
import uuid
from collections.abc import AsyncIterator
from typing import Any

import asyncpg
import httpx
import pytest
from dekat import topics

from tests.conftest import KAFKA
from tests.e2e.mailbox import messages_to, text_of, wait_for_mail
from tests.e2e.stack import Stack, running_stack
from tests.kafka_reader import read_all

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
async def stack(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Stack]:
    async with running_stack(tmp_path_factory.mktemp("stack")) as running:
        yield running


def citizen() -> dict[str, str]:
    unique = uuid.uuid4().hex[:8]
    return {
        "name": f"Dewi Lestari {unique}",
        "email": f"dewi.{unique}@example.id",
        "phone": f"+62 813 {unique[:4].translate(str.maketrans('abcdef', '123456'))} 0000",
    }


def pothole(person: dict[str, str] | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {
        "service_code": "pothole",
        "description": "Lubang besar di Jl. Menteng Raya dekat halte.",
        "lat": -6.1951,
        "long": 106.8345,
    }
    if person:
        body["citizen"] = person
    return body


async def submit(stack: Stack, body: dict[str, Any]) -> dict[str, Any]:
    async with httpx.AsyncClient(base_url=stack.urls["intake"]) as client:
        response = await client.post("/v1/requests", json=body)
    assert response.status_code == 201, response.text
    accepted: dict[str, Any] = response.json()
    return accepted


async def until_assigned(stack: Stack, request_id: str) -> dict[str, Any]:
    async with httpx.AsyncClient(base_url=stack.urls["intake"]) as client, asyncio.timeout(60):
        while True:
            view: dict[str, Any] = (await client.get(f"/v1/requests/{request_id}")).json()
            if view["status"] != "received":
                return view
            await asyncio.sleep(0.3)


async def work_items_for(stack: Stack, request_id: str, agency: str) -> list[bytes]:
    on_topic = await read_all(KAFKA, stack.namespace + topics.agency(agency))
    return [r.value for r in on_topic if r.key == request_id.encode()]


async def test_a_pothole_reaches_dinas_bina_marga_and_the_citizen_is_emailed_once_per_change(
    stack: Stack,
) -> None:
    person = citizen()
    accepted = await submit(stack, pothole(person))

    view = await until_assigned(stack, accepted["id"])
    assert view["status"] == "assigned"
    assert view["agency_code"] == "dinas-bina-marga"
    async with httpx.AsyncClient(base_url=stack.urls["intake"]) as client:
        tracked = (await client.get(f"/v1/requests/by-code/{accepted['tracking_code']}")).json()
    assert tracked["id"] == accepted["id"]
    assert "tracking_code" not in view  # the public view: the code is the citizen's handle

    items = await work_items_for(stack, accepted["id"], "dinas-bina-marga")
    assert len(items) == 1
    for detail in person.values():
        assert detail.encode() not in items[0]

    received, assigned = await wait_for_mail(person["email"], count=2)
    assert accepted["tracking_code"] in text_of(received)
    assert "Dinas Bina Marga" not in text_of(received)
    assert accepted["tracking_code"] in text_of(assigned)
    assert "Dinas Bina Marga" in text_of(assigned)
    await asyncio.sleep(2)  # a second email for the same change would arrive by now
    assert len(messages_to(person["email"])) == 2

    link = re.search(r"http://\S+/track/\S+", text_of(assigned))
    assert link is not None
    async with httpx.AsyncClient() as client:
        page = await client.get(link.group(0))
    assert page.status_code == 200
    assert "Dinas Bina Marga" in page.text
    assert accepted["tracking_code"] in page.text


async def test_routing_explains_its_decision(stack: Stack) -> None:
    accepted = await submit(stack, pothole(citizen()))
    await until_assigned(stack, accepted["id"])

    async with httpx.AsyncClient(base_url=stack.urls["routing"]) as client:
        routing = (await client.get(f"/v1/requests/{accepted['id']}/routing")).json()

    assert routing["agency_code"] == "dinas-bina-marga"
    assert any("Dinas Bina Marga" in reason for reason in routing["reasons"])


async def test_no_contact_detail_ever_reaches_an_agency_topic_or_a_log(stack: Stack) -> None:
    people = [citizen() for _ in range(3)]
    accepted = [await submit(stack, pothole(p)) for p in people]
    for a in accepted:
        await until_assigned(stack, a["id"])
    for p in people:
        await wait_for_mail(p["email"])

    on_agency_topics = b"".join(
        r.value for r in await read_all(KAFKA, stack.namespace + topics.agency("dinas-bina-marga"))
    )
    logs = b"".join([await asyncio.to_thread(log.read_bytes) for log in stack.logs.values()])
    for detail in (d for p in people for d in p.values()):
        assert detail.encode() not in on_agency_topics
        assert detail.encode() not in logs


async def count_rows(dsn: str) -> tuple[int, int]:
    conn = await asyncpg.connect(dsn)
    try:
        requests = await conn.fetchval("SELECT count(*) FROM requests")
        pending = await conn.fetchval("SELECT count(*) FROM outbox")
        return int(requests), int(pending)
    finally:
        await conn.close()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({**pothole(), "lat": 123.0}, "lat"),
        ({**pothole(), "service_code": "no-such-service"}, "service_code"),
        ({**pothole(), "citizen": {"email": "not-an-email"}}, "citizen.email"),
        ({k: v for k, v in pothole().items() if k != "description"}, "description"),
        ({**pothole(), "lat": "north"}, "lat"),
        ({**pothole(), "long": None}, "lat"),
    ],
)
async def test_bad_input_gets_a_4xx_naming_the_field_and_changes_nothing(
    stack: Stack, body: dict[str, Any], field: str
) -> None:
    before = await count_rows(stack.databases["intake"])
    async with httpx.AsyncClient(base_url=stack.urls["intake"]) as client:
        response = await client.post("/v1/requests", json=body)

    assert response.status_code == 422
    assert field in [p["field"] for p in response.json()["problems"]]
    assert await count_rows(stack.databases["intake"]) == before


async def test_a_broken_json_body_gets_a_4xx(stack: Stack) -> None:
    async with httpx.AsyncClient(base_url=stack.urls["intake"]) as client:
        response = await client.post(
            "/v1/requests", content=b'{"service_code": ', headers={"content-type": "application/json"}
        )
    assert response.status_code == 422
    assert response.json()["problems"]
