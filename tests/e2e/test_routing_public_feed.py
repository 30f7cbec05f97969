"""What routing adds for the public figures, against a real routing process, Kafka and PostgreSQL:
it announces its agencies (kind, calendar, revision) on `network.agencies.v1`, and takes a survey
answer on `requests.feedback.v1` without parking it, the partition flowing on behind it."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from dekat import topics
from dekat.events import new_event
from dekat.payloads import FEEDBACK, NetworkAgency, RequestFeedback

from tests.conftest import KAFKA
from tests.e2e.test_routing_agencies import act
from tests.integration.routing.running import Routing, routing
from tests.kafka_reader import read_all
from tests.unit.intake.history import every, survey

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
async def service(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Routing]:
    async with routing(tmp_path_factory.mktemp("routing")) as running:
        yield running


async def test_every_agency_of_the_network_is_announced_with_its_kind_and_calendar(service: Routing) -> None:
    network = json.loads((ROOT / "deploy/network/agencies.json").read_text())
    async with asyncio.timeout(60):
        while len(records := await read_all(KAFKA, service.namespace + topics.NETWORK_AGENCIES)) < len(
            network["agencies"]
        ):
            await asyncio.sleep(0.5)
    announced = {
        r.key.decode(): NetworkAgency.model_validate(json.loads(r.value)["data"]) for r in records if r.key
    }
    assert set(announced) == {a["code"] for a in network["agencies"]}
    pam = announced["pam-jaya"]
    assert (pam.name, pam.kind, pam.calendar["timezone"]) == ("PAM JAYA", "utility", "Asia/Jakarta")
    assert {a.kind for a in announced.values()} == {"government", "utility", "ngo", "private"}
    assert len({a.revision for a in announced.values()}) == 1


async def test_a_survey_answer_is_taken_not_parked_and_the_rating_behind_it_still_closes(
    service: Routing,
) -> None:
    request_id = await service.submit("blocked-drain")
    agency = (await service.routing_of(request_id))["agency_code"]
    for action in ("acknowledge", "resolve"):
        assert (
            await act(service, agency, request_id, action, note="Saluran sudah dibersihkan")
        ).status_code == 200
    rating = RequestFeedback(request_id=request_id, action="rate", rating=5, given_at=datetime.now(UTC))
    await service.produce(
        topics.REQUESTS_FEEDBACK,
        [
            survey(request_id, datetime.now(UTC), every(4)),
            new_event(FEEDBACK, subject=request_id, data=rating, source="tests"),
        ],
    )
    statuses = await service.statuses(request_id, 3)  # acknowledged, resolved, closed
    assert [s["status"] for s in statuses][-1] == "closed"
    parked = await read_all(KAFKA, service.namespace + topics.dlq(topics.REQUESTS_FEEDBACK))
    assert parked == []
