"""Agencies join and leave Kafka through routing's admin API: topics, a user and ACLs, then revoked."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from aiokafka import AIOKafkaProducer
from aiokafka.errors import TopicAuthorizationFailedError
from dekat import topics
from dekat.clients import Kafka
from dekat.events import new_event
from dekat.payloads import AGENCY_RESPONSE, AgencyResponse

from tests.conftest import KAFKA
from tests.integration.routing.running import ADMIN, Routing, routing
from tests.security.clients import connects, first_value, send

pytestmark = pytest.mark.e2e

MITRA = {"name": "Mitra Warga", "kind": "ngo", "supervisor": "dinsos-jakpus", "capacity": 5,
         "calendar": {"timezone": "WIB", "hours": ["09:00", "17:00"]},
         "handles": [{"services": ["social-assistance"], "areas": ["kec-menteng"]}]}  # fmt: skip


@pytest.fixture(scope="module")
async def service(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Routing]:
    async with routing(tmp_path_factory.mktemp("routing")) as running:
        yield running


async def put_agency(service: Routing, code: str, **changes: Any) -> httpx.Response:
    async with service.client() as client:
        return await client.put(f"/v1/admin/agencies/{code}", json={**MITRA, **changes}, headers=ADMIN)


def login(answer: httpx.Response) -> Kafka:
    kafka = answer.json()["kafka"]
    return KAFKA.as_user(kafka["username"], kafka["password"])


async def test_an_agency_added_through_the_admin_api_works_its_topics_with_the_password_it_was_given(
    service: Routing,
) -> None:
    code = f"mitra-{uuid.uuid4().hex[:6]}"
    added = await put_agency(service, code)
    agency, kafka = login(added), added.json()["kafka"]
    await send(KAFKA, kafka["requests_topic"], b"work item")

    work_item = await first_value(agency, kafka["requests_topic"], kafka["consumer_group_prefix"] + "app")
    await send(agency, kafka["responses_topic"], b"acknowledged")

    assert added.status_code == 200, added.text
    assert kafka["requests_topic"] == service.namespace + topics.agency(code)
    assert kafka["responses_topic"] == service.namespace + topics.agency_responses(code)
    assert work_item == b"work item"
    edited = await put_agency(service, code, capacity=6)
    assert "password" not in edited.json()["kafka"]  # an edit keeps the agency's password
    assert await connects(agency)


async def test_disabling_an_agency_shuts_it_out_of_kafka_at_once_and_re_enabling_issues_a_new_password(
    service: Routing,
) -> None:
    code = f"mitra-{uuid.uuid4().hex[:6]}"
    first = login(await put_agency(service, code))
    responses = service.namespace + topics.agency_responses(code)
    connected = AIOKafkaProducer(**first.aiokafka())
    await connected.start()
    try:
        await connected.send_and_wait(responses, b"before")
        disabled = await put_agency(service, code, active=False)
        with pytest.raises(TopicAuthorizationFailedError):  # ACLs are checked on every request
            await connected.send_and_wait(responses, b"after being disabled")
    finally:
        await connected.stop()

    assert disabled.status_code == 200, disabled.text
    assert disabled.json()["active"] is False
    assert not await connects(first)
    again = login(await put_agency(service, code, active=True))
    assert not await connects(first)
    await send(again, responses, b"after")


async def test_a_new_kafka_password_replaces_the_old_one(service: Routing) -> None:
    code = f"mitra-{uuid.uuid4().hex[:6]}"
    old = login(await put_agency(service, code))
    async with service.client() as client:
        issued = await client.post(f"/v1/admin/agencies/{code}/kafka-credentials", headers=ADMIN)
        unknown = await client.post("/v1/admin/agencies/nobody-here/kafka-credentials", headers=ADMIN)

    assert (issued.status_code, unknown.status_code) == (201, 404)
    assert await connects(login(issued))
    assert not await connects(old)


async def test_bad_agency_changes_are_refused_naming_the_field(service: Routing) -> None:
    async with service.client() as client:
        network = (await client.get("/v1/admin/network", headers=ADMIN)).json()
    coordinator = next(a for a in network["agencies"] if a["code"] == network["coordinator"])
    body = {k: v for k, v in coordinator.items() if k != "code"}

    answers = {
        "active": await put_agency(service, f"mitra-{uuid.uuid4().hex[:6]}", active="no"),
        "code": await put_agency(service, "mitra.dotted"),
        "coordinator": await put_agency(service, coordinator["code"], **{**body, "active": False}),
    }

    fields = {what: [p["field"] for p in a.json()["problems"]] for what, a in answers.items()}
    assert {a.status_code for a in answers.values()} == {422}
    assert fields == {"active": ["active"], "code": ["code"], "coordinator": ["active"]}


async def test_a_response_written_by_one_agency_about_anothers_request_changes_nothing(
    service: Routing,
) -> None:
    request_id = await service.submit("flooding")
    holder = (await service.routing_of(request_id))["agency_code"]
    logins = {code: await kafka_login(service, code) for code in (holder, "pam-jaya")}

    def acknowledged(by: str) -> bytes:
        data = AgencyResponse(request_id=request_id, action="acknowledge")
        return new_event(AGENCY_RESPONSE, subject=request_id, data=data, source=by).to_bytes()

    forged = service.namespace + topics.agency_responses("pam-jaya")
    await send(logins["pam-jaya"], forged, acknowledged("pam-jaya"), request_id.encode())
    await asyncio.sleep(3)
    untouched = (await service.routing_of(request_id))["status"]
    own = service.namespace + topics.agency_responses(holder)
    await send(logins[holder], own, acknowledged(holder), request_id.encode())

    assert untouched == "assigned"
    (change,) = await service.statuses(request_id, 1)
    assert change["status"] == "acknowledged"


async def kafka_login(service: Routing, code: str) -> Kafka:
    async with service.client() as client:
        issued = await client.post(f"/v1/admin/agencies/{code}/kafka-credentials", headers=ADMIN)
    assert issued.status_code == 201, issued.text
    return login(issued)
