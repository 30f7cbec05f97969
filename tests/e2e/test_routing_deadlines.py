"""A missed deadline is escalated step by step, each step once, across a crash and restart."""

from __future__ import annotations

import asyncio
import signal
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from dekat import topics
from dekat.payloads import ESCALATION, WORK_ITEM

from tests.integration.routing.running import Routing, routing

pytestmark = pytest.mark.e2e


@pytest.fixture
async def service(tmp_path: Path) -> AsyncIterator[Routing]:
    async with routing(tmp_path) as running:
        yield running


async def escalations(service: Routing, request_id: str) -> list[dict[str, object]]:
    events = await service.events(topics.REQUESTS_STATUS, request_id)
    return [e["data"] for e in events if e["data"]["change"] == "escalated"]


async def until_escalations(service: Routing, request_id: str, count: int) -> list[dict[str, object]]:
    async with asyncio.timeout(30):
        while len(await escalations(service, request_id)) < count:
            await asyncio.sleep(0.3)
    await asyncio.sleep(1.5)  # a step taken twice would show by now
    return await escalations(service, request_id)


async def test_an_unacknowledged_request_reminds_then_escalates_to_supervisor_then_coordinator(
    service: Routing,
) -> None:
    request_id = await service.submit("blocked-drain")
    view = await service.routing_of(request_id)
    due = datetime.fromisoformat(view["acknowledge_by"])
    assert view["agency_code"] == "sudin-sda-jakpus"

    offset = await service.advance_clock((due - datetime.now(UTC) + timedelta(minutes=1)).total_seconds())
    (reminder,) = await until_escalations(service, request_id, 1)

    service.processes[0].send_signal(signal.SIGKILL)
    await service.processes[0].wait()
    await service.start(clock_offset_seconds=str(offset))
    await service.advance_clock(timedelta(days=10).total_seconds())
    steps = await until_escalations(service, request_id, 3)

    assert steps[0] == reminder
    assert [s["status_seq"] for s in steps] == [2, 3, 4]
    assert [(s["escalation"], s["escalated_to"], s["missed"], s["note"]) for s in steps] == [
        ("reminder", "Suku Dinas Sumber Daya Air Jakarta Pusat", "acknowledge", None),
        ("supervisor", "Dinas Sumber Daya Air", "acknowledge", None),
        ("coordinator", "Mal Pelayanan Publik Jakarta Pusat", "acknowledge", None),
    ]
    assert (await service.routing_of(request_id))["escalation_step"] == 3
    told = {
        agency: [
            (e["data"]["step"], e["data"]["note"])
            for e in await service.events(topics.agency(agency), request_id)
            if e["type"] == ESCALATION
        ]
        for agency in ("sudin-sda-jakpus", "dinas-sda", "mpp-jakpus")
    }
    late = "Suku Dinas Sumber Daya Air Jakarta Pusat has not acknowledged the request by its deadline"
    assert told == {
        "sudin-sda-jakpus": [("reminder", f"{late}; it has been reminded")],
        "dinas-sda": [("supervisor", f"{late}; escalated to its supervisor, Dinas Sumber Daya Air")],
        "mpp-jakpus": [
            (
                "coordinator",
                f"{late}; escalated to the coordinator, Mal Pelayanan Publik Jakarta Pusat;"
                " Mal Pelayanan Publik Jakarta Pusat now oversees it",
            )
        ],
    }
    (item,) = [
        e["data"]
        for e in await service.events(topics.agency("mpp-jakpus"), request_id)
        if e["type"] == WORK_ITEM
    ]
    assert item["role"] == "overseer"
    async with service.client() as client:
        taken = await client.post(
            f"/v1/agency/requests/{request_id}/actions",
            json={"action": "acknowledge"},
            headers={"X-API-Key": "demo-mpp-jakpus-key"},
        )
    assert (taken.status_code, taken.json()["status"]) == (200, "acknowledged")


async def test_a_request_the_coordinator_holds_is_reminded_once_then_flagged_to_operators(
    service: Routing,
) -> None:
    request_id = await service.submit("a-service-nobody-handles")
    view = await service.routing_of(request_id)
    assert view["agency_code"] == "mpp-jakpus"

    await service.advance_clock(timedelta(days=10).total_seconds())
    (step,) = await until_escalations(service, request_id, 1)
    async with service.client() as client:
        metrics = (await client.get("/metrics")).text

    assert (step["escalation"], step["escalated_to"]) == ("reminder", "Mal Pelayanan Publik Jakarta Pusat")
    assert 'dekat_routing_stuck_requests_total{agency="mpp-jakpus"} 1.0' in metrics


async def test_acknowledging_in_time_means_no_escalation(service: Routing) -> None:
    request_id = await service.submit("blocked-drain")
    view = await service.routing_of(request_id)
    async with service.client() as client:
        acknowledged = await client.post(
            f"/v1/agency/requests/{request_id}/actions",
            json={"action": "acknowledge"},
            headers={"X-API-Key": f"demo-{view['agency_code']}-key"},
        )
    assert acknowledged.status_code == 200
    resolve_by = datetime.fromisoformat(view["resolve_by"])

    await service.advance_clock((resolve_by - datetime.now(UTC) - timedelta(minutes=5)).total_seconds())
    await asyncio.sleep(2)

    assert await escalations(service, request_id) == []
