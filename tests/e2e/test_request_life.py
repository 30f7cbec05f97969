"""A request's life as each person in it sees it, against a real routing process, Kafka and
PostgreSQL: what people say reaches those who act, supporting agencies take part, no state is a
dead end, refusals answer back, and an agency's topic alone keeps a correct copy of its queue."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

import pytest
from dekat import topics
from dekat.events import new_event
from dekat.payloads import AGENCY_RESPONSE, FEEDBACK, AgencyResponse, RequestFeedback

from tests.conftest import KAFKA
from tests.integration.routing.running import Routing, demo_key, routing
from tests.kafka_reader import read_all

pytestmark = pytest.mark.e2e

DAY = 86400.0


@pytest.fixture(scope="module")
async def service(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Routing]:
    async with routing(tmp_path_factory.mktemp("life")) as running:
        yield running


async def act(service: Routing, agency: str, request_id: str, action: str, **body: str) -> Any:
    async with service.client() as client:
        return await client.post(
            f"/v1/agency/requests/{request_id}/actions",
            json={"action": action, **body},
            headers=demo_key(agency),
        )


async def seen_by(service: Routing, agency: str, request_id: str) -> Any:
    async with service.client() as client:
        return await client.get(f"/v1/agency/requests/{request_id}", headers=demo_key(agency))


async def agency_events(
    service: Routing, agency: str, request_id: str, event_type: str, count: int = 1
) -> list[dict[str, Any]]:
    """The `event_type` events on `agency`'s own topic about the request, once `count` are there."""
    async with asyncio.timeout(30):
        while True:
            records = await read_all(KAFKA, service.namespace + topics.agency(agency))
            found = [json.loads(r.value) for r in records if r.key == request_id.encode()]
            matching = [e["data"] for e in found if e["type"] == event_type]
            if len(matching) >= count:
                return matching
            await asyncio.sleep(0.3)


def citizen_says(request_id: str, action: str, comment: str | None = None, rating: int | None = None) -> Any:
    data = RequestFeedback(request_id=request_id, action=action, comment=comment, rating=rating)  # type: ignore[arg-type]
    return new_event(FEEDBACK, subject=request_id, data=data, source="intake")


async def drain_held_by(service: Routing) -> tuple[str, str]:
    request_id = await service.submit("blocked-drain")
    return request_id, (await service.routing_of(request_id))["agency_code"]


async def test_the_citizens_answer_reaches_the_agency_on_its_topic_and_in_its_api(service: Routing) -> None:
    request_id, agency = await drain_held_by(service)
    await act(service, agency, request_id, "acknowledge")
    await act(service, agency, request_id, "request_info", note="Mohon foto saluran yang tersumbat")

    await service.produce(
        topics.REQUESTS_FEEDBACK,
        [citizen_says(request_id, "provide_info", "Sudah saya kirim fotonya, di gang 3")],
    )

    (said,) = await agency_events(service, agency, request_id, "agency.citizen_message")
    assert (said["kind"], said["text"]) == ("answer", "Sudah saya kirim fotonya, di gang 3")
    history = (await seen_by(service, agency, request_id)).json()["history"]
    assert ("citizen_message", "citizen", "Sudah saya kirim fotonya, di gang 3") in [
        (h["kind"], h["by"], h["text"]) for h in history
    ]
    (*_, answered) = await service.statuses(request_id, 3)
    assert (answered["status"], answered["reason"]) == ("in_progress", "answered")


async def test_a_supporting_agency_gets_the_work_item_sees_the_request_and_adds_updates(
    service: Routing,
) -> None:
    request_id = await service.submit("flooding", priority="urgent")
    view = await service.routing_of(request_id)
    assert view["supporting"] == ["pmi-jakpus"]

    (item,) = await agency_events(service, "pmi-jakpus", request_id, "agency.work_item")
    seen = await seen_by(service, "pmi-jakpus", request_id)
    update = await act(
        service, "pmi-jakpus", request_id, "update", note="Relawan dan perahu karet sudah di lokasi"
    )
    acknowledge = await act(service, "pmi-jakpus", request_id, "acknowledge")

    assert (item["role"], item["lead"]["code"]) == ("supporting", "dinas-sda")
    assert (seen.status_code, seen.json()["role"]) == (200, "supporting")
    assert update.status_code == 200
    assert acknowledge.status_code == 409
    assert "supporting agency" in acknowledge.json()["problems"][0]["message"]
    (told,) = await agency_events(service, "dinas-sda", request_id, "agency.partner_update")
    assert (told["by"]["code"], told["note"]) == ("pmi-jakpus", "Relawan dan perahu karet sudah di lokasi")
    (change,) = await service.statuses(request_id, 1)
    assert (change["change"], change["status"], change["by_agency"]["name"]) == (
        "update",
        "assigned",
        "Palang Merah Indonesia Jakarta Pusat",
    )


async def test_an_agency_without_a_part_in_a_request_sees_nothing_of_it(service: Routing) -> None:
    request_id, _ = await drain_held_by(service)

    assert (await seen_by(service, "pam-jaya", request_id)).status_code == 404
    assert (await act(service, "pam-jaya", request_id, "update", note="halo")).status_code == 404


async def test_a_response_refused_over_kafka_comes_back_on_the_agencys_topic_with_the_reason(
    service: Routing,
) -> None:
    request_id, agency = await drain_held_by(service)
    early = AgencyResponse(request_id=request_id, action="resolve", note="Sudah")
    event = new_event(AGENCY_RESPONSE, subject=request_id, data=early, source=agency)

    await service.produce(topics.agency_responses(agency), [event])

    (refused,) = await agency_events(service, agency, request_id, "agency.action_refused")
    assert (refused["action"], refused["field"], refused["response_event_id"]) == (
        "resolve",
        "action",
        str(event.id),
    )
    assert refused["problem"] == "cannot resolve a request that is assigned"


async def test_a_transfer_releases_it_from_the_old_holder_and_hands_the_new_one_its_history(
    service: Routing,
) -> None:
    request_id, agency = await drain_held_by(service)
    await act(service, agency, request_id, "acknowledge")

    moved = await act(
        service, agency, request_id, "transfer", transfer_to="dinas-lh", note="Ini sampah, bukan saluran"
    )

    assert moved.status_code == 200
    (released,) = await agency_events(service, agency, request_id, "agency.request_released")
    assert (released["reason"], released["now_with"]) == ("transferred", "dinas-lh")
    (item,) = await agency_events(service, "dinas-lh", request_id, "agency.work_item")
    assert (item["role"], item["status"]) == ("lead", "assigned")
    assert ("transferred", agency, "Ini sampah, bukan saluran") in [
        (h["status"], h["by"], h["text"]) for h in item["history"]
    ]


async def test_the_agency_can_withdraw_its_question_and_carry_on(service: Routing) -> None:
    request_id, agency = await drain_held_by(service)
    await act(service, agency, request_id, "acknowledge")
    await act(service, agency, request_id, "request_info", note="Kapan mulai tersumbat?")

    withdrawn = await act(service, agency, request_id, "withdraw_question")

    assert (withdrawn.status_code, withdrawn.json()["status"]) == (200, "in_progress")
    (*_, last) = await service.statuses(request_id, 3)
    assert (last["status"], last["reason"]) == ("in_progress", "withdrawn")


async def test_a_reopened_request_comes_back_to_the_agency_as_a_whole_work_item(service: Routing) -> None:
    request_id, agency = await drain_held_by(service)
    await act(service, agency, request_id, "acknowledge")
    await act(service, agency, request_id, "resolve", note="Sudah dibersihkan")

    await service.produce(
        topics.REQUESTS_FEEDBACK, [citizen_says(request_id, "reopen", "Masih meluap tadi malam")]
    )

    first, again = await agency_events(service, agency, request_id, "agency.work_item", count=2)
    (contest,) = await agency_events(service, agency, request_id, "agency.citizen_message")
    assert (first["status"], again["status"]) == ("assigned", "reopened")
    assert (contest["kind"], contest["text"]) == ("contest", "Masih meluap tadi malam")


async def test_waiting_for_the_citizen_has_a_deadline_then_the_agency_may_close_it_as_unanswered(
    service: Routing,
) -> None:  # last in the module: it moves routing's clock on by days
    request_id, agency = await drain_held_by(service)
    await act(service, agency, request_id, "acknowledge")
    await act(service, agency, request_id, "request_info", note="Di nomor berapa saluran itu?")
    early = await act(service, agency, request_id, "close_unanswered")

    await service.advance_clock(6 * DAY)
    (told,) = await agency_events(service, agency, request_id, "agency.escalation")
    closed = await act(service, agency, request_id, "close_unanswered")
    await service.produce(
        topics.REQUESTS_FEEDBACK, [citizen_says(request_id, "reopen", "Saya baru bisa menjawab")]
    )

    assert early.status_code == 409
    assert "still has time to answer" in early.json()["problems"][0]["message"]
    assert (told["deadline"], told["last_step"]) == ("answer", True)
    assert closed.status_code == 200
    changes = await service.statuses(request_id, 5)
    assert [(c["change"], c["status"], c["reason"]) for c in changes[2:]] == [
        ("reminder", "info_requested", None),
        ("status", "closed", "unanswered"),
        ("status", "reopened", "contested"),
    ]
