"""intake's native front door on the real stack: idempotent POSTs, every channel, privacy, feedback."""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import asyncpg
import httpx
import pytest
from dekat import topics
from dekat.events import new_event
from dekat.payloads import STATUS_CHANGED, RequestStatusChanged

from tests.conftest import KAFKA
from tests.e2e.stack import Stack, running_stack
from tests.integration.effects import produce
from tests.kafka_reader import read_all

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
async def stack(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Stack]:
    async with running_stack(tmp_path_factory.mktemp("intake")) as running:
        yield running


@pytest.fixture
async def client(stack: Stack) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=stack.urls["intake"]) as c:
        yield c


def pothole(**extra: Any) -> dict[str, Any]:
    return {
        "service_code": "pothole",
        "description": "Lubang di Jl. Sabang",
        "lat": -6.186,
        "long": 106.824,
        **extra,
    }


async def rows(stack: Stack, sql: str, *args: Any) -> list[asyncpg.Record]:
    conn = await asyncpg.connect(stack.databases["intake"])
    try:
        return await conn.fetch(sql, *args)
    finally:
        await conn.close()


async def on_topic(stack: Stack, topic: str, request_id: str) -> list[dict[str, Any]]:
    records = await read_all(KAFKA, stack.namespace + topic)
    return [json.loads(r.value)["data"] for r in records if r.key == request_id.encode()]


async def test_the_same_idempotency_key_and_body_get_the_same_answer_and_one_request(
    client: httpx.AsyncClient, stack: Stack
) -> None:
    key = {"Idempotency-Key": uuid.uuid4().hex}
    first = await client.post("/v1/requests", json=pothole(), headers=key)
    again = await client.post("/v1/requests", json=pothole(), headers=key)
    other = await client.post("/v1/requests", json=pothole(description="Lain"), headers=key)

    answers = (first.status_code, again.status_code, other.status_code)
    assert answers == (201, 201, 409), (first.text, again.text, other.text)
    assert again.json() == first.json()
    assert len(await rows(stack, "SELECT 1 FROM requests WHERE description = 'Lubang di Jl. Sabang'")) == 1


async def test_a_consenting_public_citizen_reaches_notify_in_their_order_and_routing_with_identity(
    client: httpx.AsyncClient, stack: Stack
) -> None:
    person = {
        "name": "Rina",
        "email": "rina@example.id",
        "phone": "+62 811 222 333",
        "channels": ["sms", "email"],
    }
    accepted = (
        await client.post("/v1/requests", json=pothole(citizen={**person, "consent_share": True}))
    ).json()

    async with asyncio.timeout(30):
        while not (contacts := await on_topic(stack, topics.CITIZENS_CONTACT, accepted["id"])):
            await asyncio.sleep(0.3)
    (contact,) = contacts
    assert contact["channels"] == ["sms", "email"]
    assert (contact["privacy"], contact["timezone"], contact["language"]) == ("public", "Asia/Jakarta", "id")
    assert contact["submitted_at"] is not None
    (submitted,) = await on_topic(stack, topics.REQUESTS_SUBMITTED, accepted["id"])
    assert submitted["shared_identity"]["name"] == "Rina"


async def test_an_anonymous_request_stores_no_identity_and_is_tracked_by_its_code_alone(
    client: httpx.AsyncClient, stack: Stack
) -> None:
    refused = await client.post("/v1/requests", json=pothole(privacy="anonymous", citizen={"name": "X"}))
    assert refused.status_code == 422
    assert refused.json()["problems"][0]["field"] == "citizen"

    accepted = (await client.post("/v1/requests", json=pothole(privacy="anonymous"))).json()
    assert await rows(stack, "SELECT 1 FROM contacts WHERE request_id = $1", uuid.UUID(accepted["id"])) == []
    loosely = accepted["tracking_code"].lower().replace("-", " ")
    tracked = (await client.get(f"/v1/requests/by-code/{loosely}")).json()
    assert tracked["id"] == accepted["id"]
    assert tracked["timeline"][0]["status"] == "received"


def key_of(channel: str, owner_id: str) -> dict[str, str]:
    return {"X-API-Key": f"demo-{channel}-{owner_id}-key"}


async def rejected_forbidden(client: httpx.AsyncClient, channel: str) -> float:
    metrics = (await client.get("/metrics")).text
    line = f'dekat_intake_requests_rejected_total{{channel="{channel}",reason="forbidden"}}'
    return sum(float(m.split()[-1]) for m in metrics.splitlines() if m.startswith(line))


async def test_a_counter_takes_a_request_for_a_citizen_and_open_counters_are_found_nearby(
    client: httpx.AsyncClient, stack: Stack
) -> None:
    body = {
        **pothole(),
        "staff_id": "petugas-07",
        "citizen": {"name": "Pak Harto", "phone": "+62 812 000 111"},
    }
    always_open = key_of("counter", "posyandu-24-jam-cilandak")
    accepted = await client.post(
        "/v1/counters/posyandu-24-jam-cilandak/requests", json=body, headers=always_open
    )
    unknown = await client.post("/v1/counters/nowhere/requests", json=body, headers=always_open)
    assert (accepted.status_code, unknown.status_code) == (201, 404)
    (row,) = await rows(
        stack,
        "SELECT channel, source, taken_by FROM requests WHERE id = $1",
        uuid.UUID(accepted.json()["id"]),
    )
    assert tuple(row) == ("counter", "posyandu-24-jam-cilandak", "petugas-07")

    nearest = (
        await client.get("/v1/counters/nearest", params={"lat": -6.2, "long": 106.84, "limit": 20})
    ).json()
    assert all(c["open_now"] for c in nearest)
    assert [c["distance_km"] for c in nearest] == sorted(c["distance_km"] for c in nearest)


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({}, 401),
        ({"X-API-Key": "demo-counter-posyandu-24-jam-cilandak-kez"}, 403),
        (key_of("counter", "mpp-jakarta-utara"), 403),
        (key_of("mobile", "mpk-jakarta-utara"), 403),
    ],
    ids=["no key", "wrong key", "another counter's key", "a mobile unit's key"],
)
async def test_only_the_counters_own_key_submits_for_it_and_a_refusal_stores_nothing(
    client: httpx.AsyncClient, stack: Stack, headers: dict[str, str], status: int
) -> None:
    description = f"Lubang {uuid.uuid4().hex}"
    body = {**pothole(description=description), "staff_id": "petugas-07"}
    before = await rejected_forbidden(client, "counter")

    response = await client.post("/v1/counters/posyandu-24-jam-cilandak/requests", json=body, headers=headers)

    assert response.status_code == status
    assert response.json()["field"] == "X-API-Key"
    assert await rows(stack, "SELECT 1 FROM requests WHERE description = $1", description) == []
    assert await rejected_forbidden(client, "counter") == before + 1
    right = await client.post(
        "/v1/counters/posyandu-24-jam-cilandak/requests",
        json=body,
        headers=key_of("counter", "posyandu-24-jam-cilandak"),
    )
    assert right.status_code == 201


async def test_a_mobile_batch_answers_item_by_item_and_a_reupload_creates_nothing(
    client: httpx.AsyncClient, stack: Stack
) -> None:
    unit, marker = "mpk-jakarta-timur", uuid.uuid4().hex
    created_at = (datetime.now(UTC) - timedelta(days=1)).isoformat()
    items = [
        {"client_id": f"{marker}-1", "created_at": created_at, "request": pothole(description=marker)},
        {"client_id": f"{marker}-2", "created_at": created_at, "request": pothole(service_code="unicorns")},
        {"client_id": f"{marker}-3", "created_at": created_at, "request": {"service_code": "id-card"}},
        {
            "client_id": f"{marker}-4",
            "created_at": created_at,
            "request": {
                "service_code": "id-card",
                "description": marker,
                "attributes": {"reason": "lost"},
            },
        },
    ]
    url, headers = f"/v1/mobile-units/{unit}/sync", key_of("mobile", unit)
    first = (await client.post(url, json={"items": items}, headers=headers)).json()["results"]
    again = (await client.post(url, json={"items": items}, headers=headers)).json()["results"]

    assert [r["outcome"] for r in first] == ["created", "rejected", "rejected", "created"]
    assert first[1]["problems"][0]["field"] == "service_code"
    assert first[2]["problems"][0]["field"] == "request.description"
    assert [r["outcome"] for r in again] == ["existing", "rejected", "rejected", "existing"]
    assert [r.get("id") for r in again] == [r.get("id") for r in first]
    stored = await rows(
        stack, "SELECT submitted_at FROM requests WHERE source = $1 AND description = $2", unit, marker
    )
    assert len(stored) == 2
    assert all(r["submitted_at"] == datetime.fromisoformat(created_at) for r in stored)


@pytest.mark.parametrize(
    ("unit", "headers", "status"),
    [
        ("mpk-jakarta-utara", {}, 401),
        ("mpk-jakarta-utara", {"X-API-Key": "not-a-key"}, 403),
        ("mpk-jakarta-utara", key_of("mobile", "mpk-jakarta-timur"), 403),
        ("mpk-jakarta-utara", key_of("counter", "mpp-jakarta-utara"), 403),
        ("unit-unregistered", key_of("mobile", "unit-unregistered"), 404),
    ],
    ids=["no key", "wrong key", "another unit's key", "a counter's key", "unregistered unit"],
)
async def test_only_a_registered_units_own_key_syncs_for_it_and_a_refusal_stores_nothing(
    client: httpx.AsyncClient, stack: Stack, unit: str, headers: dict[str, str], status: int
) -> None:
    marker = uuid.uuid4().hex
    item = {
        "client_id": marker,
        "created_at": datetime.now(UTC).isoformat(),
        "request": pothole(description=marker),
    }

    response = await client.post(f"/v1/mobile-units/{unit}/sync", json={"items": [item]}, headers=headers)

    assert response.status_code == status
    assert response.json()["field"] == ("unit_id" if status == 404 else "X-API-Key")
    assert await rows(stack, "SELECT 1 FROM requests WHERE description = $1", marker) == []


async def test_the_openapi_document_declares_the_channel_key_header(client: httpx.AsyncClient) -> None:
    document = (await client.get("/openapi.json")).json()
    scheme = document["components"]["securitySchemes"]["ChannelKey"]
    assert (scheme["type"], scheme["in"], scheme["name"]) == ("apiKey", "header", "X-API-Key")
    for path in ("/v1/counters/{counter_id}/requests", "/v1/mobile-units/{unit_id}/sync"):
        assert document["paths"][path]["post"]["security"] == [{"ChannelKey": []}]


async def resolve(stack: Stack, request_id: str) -> None:
    data = RequestStatusChanged(
        request_id=request_id, status="resolved", status_seq=50, changed_at=datetime.now(UTC)
    )
    event = new_event(STATUS_CHANGED, subject=request_id, data=data, source="routing")
    await produce(KAFKA, stack.namespace + topics.REQUESTS_STATUS, [event.to_bytes()], request_id.encode())


async def test_only_the_reporter_gives_feedback_it_follows_the_status_and_reaches_routing(
    client: httpx.AsyncClient, stack: Stack
) -> None:
    accepted = (await client.post("/v1/requests", json=pothole())).json()
    other = (await client.post("/v1/requests", json=pothole())).json()
    code, mine = accepted["tracking_code"], {"k": accepted["reporter_key"]}
    early = await client.post(f"/v1/requests/by-code/{code}/rating", json={"rating": 5}, params=mine)
    assert early.status_code == 409
    assert early.json()["problems"][0]["field"] == "status"

    await resolve(stack, accepted["id"])
    async with asyncio.timeout(30):
        while (await client.get(f"/v1/requests/{accepted['id']}")).json()["status"] != "resolved":
            await asyncio.sleep(0.3)
    anyone = await client.post(f"/v1/requests/by-code/{code}/rating", json={"rating": 1})
    someone_else = await client.post(
        f"/v1/requests/by-code/{code}/rating", json={"rating": 1}, params={"k": other["reporter_key"]}
    )
    rated = await client.post(
        f"/v1/requests/by-code/{code}/rating", json={"rating": 4, "comment": "Cepat"}, params=mine
    )
    out_of_range = await client.post(f"/v1/requests/by-code/{code}/rating", json={"rating": 6}, params=mine)
    info = await client.post(
        f"/v1/requests/by-code/{code}/info", json={"comment": "Nomor rumah 12"}, params=mine
    )
    assert (anyone.status_code, someone_else.status_code) == (401, 403)
    assert anyone.json()["field"] == someone_else.json()["field"] == "k"
    assert (rated.status_code, out_of_range.status_code, info.status_code) == (202, 422, 409)

    async with asyncio.timeout(30):
        while not (feedback := await on_topic(stack, topics.REQUESTS_FEEDBACK, accepted["id"])):
            await asyncio.sleep(0.3)
    assert [(f["action"], f["rating"], f["comment"]) for f in feedback] == [("rate", 4, "Cepat")]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (pothole(lat=-91), "lat"),
        (pothole(service_code="flooding"), "attributes.depth"),
        (pothole(attributes={"size": "huge"}), "attributes.size"),
        (pothole(attributes={"lanes_blocked": ["1", "2"]}), "attributes.lanes_blocked"),
        (pothole(privacy="secret"), "privacy"),
        (pothole(citizen={"email": "a@example.id", "channels": ["sms"]}), "citizen.channels"),
        (pothole(citizen={"email": "a@example.id", "timezone": "Nowhere/City"}), "citizen.timezone"),
        (
            pothole(privacy="confidential", citizen={"name": "A", "consent_share": True}),
            "citizen.consent_share",
        ),
        (pothole(extra="field"), "extra"),
    ],
)
async def test_bad_input_is_named_and_changes_nothing(
    client: httpx.AsyncClient, stack: Stack, body: dict[str, Any], field: str
) -> None:
    before = await rows(stack, "SELECT count(*) FROM requests")
    response = await client.post("/v1/requests", json=body)
    assert response.status_code == 422
    assert field in [p["field"] for p in response.json()["problems"]]
    assert await rows(stack, "SELECT count(*) FROM requests") == before


async def test_an_oversize_body_gets_413(client: httpx.AsyncClient) -> None:
    response = await client.post("/v1/requests", json=pothole(description="x" * 70_000))
    assert response.status_code == 413
    assert response.json()["problems"][0]["field"] == "body"


async def test_routings_network_reaches_intake_and_a_request_from_london_is_refused(
    client: httpx.AsyncClient,
) -> None:
    async with asyncio.timeout(60):
        while (await client.get("/v1/areas")).json()["served"] != ["DKI Jakarta"]:
            await asyncio.sleep(0.3)

    refused = await client.post("/v1/requests", json=pothole(lat=51.5074, long=-0.1278))

    assert refused.status_code == 422
    assert refused.json()["problems"] == [
        {"field": "lat", "message": "outside the area Dekat serves: DKI Jakarta"}
    ]
