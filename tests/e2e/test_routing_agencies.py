"""Agencies working requests through routing, against real processes, Kafka and PostgreSQL:
the agency API and its access rules, re-routing, transfer, Kafka responses and citizen feedback."""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiokafka.admin import AIOKafkaAdminClient
from dekat import topics
from dekat.events import new_event
from dekat.payloads import (
    AGENCY_RESPONSE,
    FEEDBACK,
    WORK_ITEM,
    AgencyResponse,
    RequestFeedback,
    SharedIdentity,
)

from tests.conftest import KAFKA
from tests.integration.routing.running import ADMIN, Routing, demo_key, routing
from tests.kafka_reader import read_all

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
async def service(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Routing]:
    async with routing(tmp_path_factory.mktemp("routing")) as running:
        yield running


async def act(service: Routing, agency: str, request_id: str, action: str, **body: str) -> Any:
    async with service.client() as client:
        return await client.post(
            f"/v1/agency/requests/{request_id}/actions",
            json={"action": action, **body},
            headers=demo_key(agency),
        )


async def assigned_drain(service: Routing) -> tuple[str, str]:
    """A blocked drain in Menteng, assigned; (request id, the agency holding it)."""
    request_id = await service.submit("blocked-drain")
    return request_id, (await service.routing_of(request_id))["agency_code"]


async def test_a_decision_is_explained_with_its_rule_version_and_the_agency_gets_a_redacted_work_item(
    service: Routing,
) -> None:
    request_id = await service.submit("flooding", priority="urgent")

    view = await service.routing_of(request_id)

    assert (view["agency_code"], view["rule_id"], view["status"]) == (
        "dinas-sda",
        "flooding-urgent",
        "assigned",
    )
    assert view["rule_version"] == 1
    assert view["reasons"][0] == "kelurahan Menteng lies in kecamatan Menteng, Jakarta Pusat, DKI Jakarta"
    assert "because the request is urgent" in view["reasons"][1]
    assert view["supporting"] == ["pmi-jakpus"]
    (lead,) = await work_items(service, "dinas-sda", request_id)
    (support,) = await work_items(service, "pmi-jakpus", request_id)
    assert (lead["data"]["role"], support["data"]["role"]) == ("lead", "supporting")
    assert support["data"]["lead"] == {"code": "dinas-sda", "name": "Dinas Sumber Daya Air"}


async def work_items(service: Routing, agency: str, request_id: str, count: int = 1) -> list[dict[str, Any]]:
    """The work items on `agency`'s topic for the request, once `count` of them have arrived."""
    async with asyncio.timeout(30):
        while True:
            records = await read_all(KAFKA, service.namespace + topics.agency(agency))
            found = [json.loads(r.value) for r in records if r.key == request_id.encode()]
            items = [e for e in found if e["type"] == WORK_ITEM]
            if len(items) >= count:
                return items
            await asyncio.sleep(0.3)


async def test_an_agency_acknowledges_starts_and_resolves_and_every_change_is_numbered(
    service: Routing,
) -> None:
    request_id, agency = await assigned_drain(service)

    for action, body in [
        ("acknowledge", {}),
        ("start", {}),
        ("resolve", {"note": "Saluran sudah dibersihkan"}),
    ]:
        response = await act(service, agency, request_id, action, **body)
        assert response.status_code == 200, response.text

    changes = await service.statuses(request_id, 3)
    assert [(c["status"], c["status_seq"]) for c in changes] == [
        ("acknowledged", 2),
        ("in_progress", 3),
        ("resolved", 4),
    ]
    assert changes[-1]["note"] == "Saluran sudah dibersihkan"
    assert all(c["agency_code"] == agency for c in changes)


async def test_an_action_out_of_turn_is_a_409_naming_the_problem_and_changes_nothing(
    service: Routing,
) -> None:
    request_id, agency = await assigned_drain(service)

    response = await act(service, agency, request_id, "resolve", note="done")

    assert response.status_code == 409
    assert response.json()["problems"] == [
        {"field": "action", "message": "cannot resolve a request that is assigned"}
    ]
    assert (await service.routing_of(request_id))["status"] == "assigned"
    await asyncio.sleep(1)
    assert await service.events(topics.REQUESTS_STATUS, request_id) == []


async def test_resolving_without_a_note_is_a_422_on_the_note(service: Routing) -> None:
    request_id, agency = await assigned_drain(service)
    await act(service, agency, request_id, "acknowledge")

    response = await act(service, agency, request_id, "resolve")

    assert response.status_code == 422
    assert response.json()["problems"][0]["field"] == "note"


async def test_another_agencys_request_is_a_404_to_read_and_to_act_on(service: Routing) -> None:
    request_id, agency = await assigned_drain(service)
    stranger = "pam-jaya"

    async with service.client() as client:
        own = await client.get(f"/v1/agency/requests/{request_id}", headers=demo_key(agency))
        other = await client.get(f"/v1/agency/requests/{request_id}", headers=demo_key(stranger))
        listed = await client.get("/v1/agency/requests", headers=demo_key(stranger))
    acted = await act(service, stranger, request_id, "acknowledge")

    assert own.status_code == 200
    assert (other.status_code, acted.status_code) == (404, 404)
    assert request_id not in {r["request_id"] for r in listed.json()}
    assert (await service.routing_of(request_id))["status"] == "assigned"


@pytest.mark.parametrize(
    ("headers", "status"),
    [({}, 401), ({"X-API-Key": "wrong"}, 401), (ADMIN, 401), (demo_key("mpp-jakpus"), 200)],
)
async def test_the_agency_api_needs_an_agency_key(
    service: Routing, headers: dict[str, str], status: int
) -> None:
    async with service.client() as client:
        response = await client.get("/v1/agency/requests", headers=headers)

    assert response.status_code == status


@pytest.mark.parametrize(("headers", "status"), [({}, 401), (demo_key("dinas-sda"), 403), (ADMIN, 200)])
async def test_only_the_admin_key_reaches_the_admin_api(
    service: Routing, headers: dict[str, str], status: int
) -> None:
    async with service.client() as client:
        response = await client.get("/v1/admin/rules", headers=headers)

    assert response.status_code == status


async def test_a_rejected_request_goes_to_the_next_valid_agency_and_the_bounce_counts_against_its_rule(
    service: Routing,
) -> None:
    request_id, first = await assigned_drain(service)

    rejected = await act(service, first, request_id, "reject", note="saluran primer, bukan kewenangan kami")

    assert rejected.status_code == 200
    async with asyncio.timeout(30):
        while (view := await service.routing_of(request_id))["agency_code"] == first:
            await asyncio.sleep(0.2)
    assert {first, view["agency_code"]} == {"sudin-sda-jakpus", "dinas-sda"}
    assert any("already said it is not theirs" in reason for reason in view["reasons"])
    assert [d["outcome"] for d in view["decisions"]] == ["matched", "rerouted"]
    (change,) = await service.statuses(request_id, 1)
    assert (change["status"], change["status_seq"], change["agency_code"]) == ("rejected", 2, first)
    assigned = [e["data"] for e in await wait_events(service, topics.REQUESTS_ASSIGNED, request_id, 2)]
    assert [(a["agency_code"], a["status_seq"], a["previous_agency_code"]) for a in assigned] == [
        (first, 1, None),
        (view["agency_code"], 3, first),
    ]
    async with service.client() as client:
        bounces = (await client.get("/v1/admin/rules", headers=ADMIN)).json()["bounces"]
    assert {"rule_version": 1, "rule_id": "drainage", "agency_code": first, "bounces": 1} in bounces


async def test_when_every_valid_agency_rejects_it_the_coordinator_takes_it(service: Routing) -> None:
    request_id, first = await assigned_drain(service)
    await act(service, first, request_id, "reject", note="bukan kami")
    second = await holder_other_than(service, request_id, first)

    await act(service, second, request_id, "reject", note="bukan kami juga")

    assert await holder_other_than(service, request_id, second) == "mpp-jakpus"
    coordinator = await act(service, "mpp-jakpus", request_id, "reject", note="tidak")
    assert coordinator.status_code == 409


async def test_a_transfer_hands_the_request_to_the_named_agency(service: Routing) -> None:
    request_id, first = await assigned_drain(service)

    response = await act(
        service, first, request_id, "transfer", transfer_to="dinas-lh", note="sampah menyumbat"
    )

    assert response.status_code == 200
    assert await holder_other_than(service, request_id, first) == "dinas-lh"
    (change,) = await service.statuses(request_id, 1)
    assert change["status"] == "transferred"
    items = [
        r
        for r in await read_all(KAFKA, service.namespace + topics.agency("dinas-lh"))
        if r.key == request_id.encode()
    ]
    assert len(items) == 1
    unknown = await act(service, "dinas-lh", request_id, "transfer", transfer_to="nobody")
    assert (unknown.status_code, unknown.json()["problems"][0]["field"]) == (422, "transfer_to")


async def test_responses_on_kafka_act_like_the_http_api_and_invalid_ones_change_nothing(
    service: Routing,
) -> None:
    request_id, agency = await assigned_drain(service)

    def response(action: str, by: str = agency, note: str | None = None) -> Any:
        data = AgencyResponse(request_id=request_id, agency_code=by, action=action, note=note)  # type: ignore[arg-type]
        return new_event(AGENCY_RESPONSE, subject=request_id, data=data, source=by)

    await service.produce(topics.agency_responses("pam-jaya"), [response("acknowledge", by=agency)])
    await service.produce(
        topics.agency_responses(agency), [response("resolve", note="too early"), response("acknowledge")]
    )

    (change,) = await service.statuses(request_id, 1)
    assert (change["status"], change["status_seq"]) == ("acknowledged", 2)
    await asyncio.sleep(1)
    assert len(await service.events(topics.REQUESTS_STATUS, request_id)) == 1
    parked = await read_all(KAFKA, service.namespace + topics.dlq(topics.agency_responses(agency)))
    assert not [r for r in parked if r.key == request_id.encode()]


async def test_citizen_feedback_asks_back_reopens_and_a_rating_closes(service: Routing) -> None:
    request_id, agency = await assigned_drain(service)

    def feedback(action: str, rating: int | None = None) -> Any:
        data = RequestFeedback(request_id=request_id, action=action, rating=rating)  # type: ignore[arg-type]
        return new_event(FEEDBACK, subject=request_id, data=data, source="intake")

    await act(service, agency, request_id, "acknowledge")
    await act(service, agency, request_id, "request_info", note="Foto lokasi, mohon")
    await service.produce(topics.REQUESTS_FEEDBACK, [feedback("provide_info")])
    await service.statuses(request_id, 3)
    await act(service, agency, request_id, "resolve", note="Sudah bersih")
    await service.produce(topics.REQUESTS_FEEDBACK, [feedback("reopen")])
    await service.statuses(request_id, 5)
    await act(service, agency, request_id, "resolve", note="Sudah bersih, sungguh")
    await service.produce(topics.REQUESTS_FEEDBACK, [feedback("rate", rating=4)])

    changes = await service.statuses(request_id, 7)
    assert [c["status"] for c in changes] == [
        "acknowledged", "info_requested", "in_progress", "resolved", "reopened", "resolved", "closed",
    ]  # fmt: skip
    assert [c["status_seq"] for c in changes] == list(range(2, 9))


async def test_an_admin_rule_edit_is_a_new_version_that_the_next_decision_uses(service: Routing) -> None:
    async with service.client() as client:
        current = (await client.get("/v1/admin/rules", headers=ADMIN)).json()
        document = current["document"]
        document["rules"] = [
            {**r, "lead": ["dinas-sda"]} if r["id"] == "drainage" else r for r in document["rules"]
        ]
        put = await client.put("/v1/admin/rules", json=document, headers=ADMIN)
        bad = await client.put(
            "/v1/admin/rules",
            json={"rules": [{"id": "x", "services": ["a"], "lead": ["nobody"]}]},
            headers=ADMIN,
        )
        try:
            request_id, agency = await assigned_drain(service)
            view = await service.routing_of(request_id)
        finally:
            await client.put(
                "/v1/admin/rules",
                json=current["document"] | {"rules": current["document"]["rules"]},
                headers=ADMIN,
            )

    assert put.status_code == 201
    assert bad.status_code == 422
    assert (agency, view["rule_version"]) == ("dinas-sda", put.json()["version"])


async def test_an_agency_added_by_the_admin_gets_a_topic_and_can_be_given_a_key(service: Routing) -> None:
    agency = {"name": "Rumah Zakat Jakarta", "kind": "ngo", "supervisor": "dinsos-jakpus", "capacity": 15,
              "calendar": {"timezone": "WIB", "hours": ["09:00", "17:00"]},
              "handles": [{"services": ["social-assistance"], "areas": ["kec-menteng"]}]}  # fmt: skip
    async with service.client() as client:
        put = await client.put("/v1/admin/agencies/rumah-zakat", json=agency, headers=ADMIN)
        issued = await client.post("/v1/admin/agencies/rumah-zakat/keys", headers=ADMIN)
        mine = await client.get("/v1/agency/requests", headers={"X-API-Key": issued.json()["api_key"]})
        wrong_area = await client.put(
            "/v1/admin/agencies/rumah-zakat",
            json={**agency, "handles": [{"services": ["x"], "areas": ["mars"]}]},
            headers=ADMIN,
        )

    assert (put.status_code, issued.status_code, mine.status_code) == (200, 201, 200)
    assert wrong_area.status_code == 422
    assert service.namespace + topics.agency("rumah-zakat") in await topic_names()


async def topic_names() -> set[str]:
    admin = AIOKafkaAdminClient(**KAFKA.aiokafka())
    await admin.start()
    try:
        return set(await admin.list_topics())
    finally:
        await admin.close()


async def holder_other_than(service: Routing, request_id: str, previous: str) -> str:
    async with asyncio.timeout(30):
        while (holder := (await service.routing_of(request_id))["agency_code"]) == previous:
            await asyncio.sleep(0.2)
    return str(holder)


async def wait_events(service: Routing, topic: str, request_id: str, count: int) -> list[dict[str, Any]]:
    async with asyncio.timeout(30):
        while len(found := await service.events(topic, request_id)) < count:
            await asyncio.sleep(0.3)
    return found


async def test_decisions_and_bounces_show_on_the_metrics_endpoint(service: Routing) -> None:
    request_id, agency = await assigned_drain(service)
    await act(service, agency, request_id, "reject", note="bukan kami")
    await holder_other_than(service, request_id, agency)

    async with service.client() as client:
        scraped = (await client.get("/metrics")).text

    assert f'dekat_routing_decisions_total{{agency="{agency}",outcome="matched"}}' in scraped
    assert 'outcome="rerouted"' in scraped
    assert f'dekat_routing_bounces_total{{agency="{agency}"}}' in scraped
    assert "dekat_routing_decision_duration_seconds_bucket" in scraped
    assert "dekat_request_assignment_latency_seconds_count" in scraped


@pytest.mark.parametrize(
    ("privacy", "shown"), [("public", True), ("confidential", False), ("anonymous", False)]
)
async def test_the_citizen_is_named_to_the_agency_only_for_a_public_request_they_consented_to(
    service: Routing, privacy: str, shown: bool
) -> None:
    name = f"Dewi {uuid.uuid4().hex[:8]}"
    request_id = await service.submit(
        "flooding", privacy=privacy, shared_identity=SharedIdentity(name=name, phone="+62 813 1111 2222")
    )
    await service.routing_of(request_id)

    (item,) = [
        r.value
        for r in await read_all(KAFKA, service.namespace + topics.agency("dinas-sda"))
        if r.key == request_id.encode()
    ]
    assert (name.encode() in item) is shown


async def test_an_area_added_by_the_admin_places_the_next_request(service: Routing) -> None:
    square = [[106.846, -6.160], [106.884, -6.160], [106.884, -6.136], [106.846, -6.136], [106.846, -6.160]]
    area = {"name": "Kemayoran", "level": "kelurahan", "parent": "kec-kemayoran"}
    async with service.client() as client:
        bad = await client.put(
            "/v1/admin/areas/kel-kemayoran", json={**area, "geometry": {"type": "Point"}}, headers=ADMIN
        )
        orphan = await client.put(
            "/v1/admin/areas/kel-x",
            json={**area, "parent": "kec-x", "geometry": {"type": "Polygon", "coordinates": [square]}},
            headers=ADMIN,
        )
        put = await client.put(
            "/v1/admin/areas/kel-kemayoran",
            json={**area, "geometry": {"type": "Polygon", "coordinates": [square]}},
            headers=ADMIN,
        )
    request_id = await service.submit("flooding", at=(-6.15, 106.86))

    view = await service.routing_of(request_id)

    assert (bad.status_code, orphan.status_code, put.status_code) == (422, 422, 200)
    assert view["reasons"][0] == "kelurahan Kemayoran lies in kecamatan Kemayoran, Jakarta Pusat, DKI Jakarta"
