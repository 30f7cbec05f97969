"""The services' logs after an end-to-end flow: every line is JSON, the steps carry request and
correlation ids, and no line holds a citizen's name, email or phone number (docs/design.md invariant 5)."""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from tests.e2e.stack import Stack, running_stack

pytestmark = pytest.mark.e2e

Lines = dict[str, list[dict[str, Any]]]
CONTACT = "citizen.contact"
"""Written by intake beside the submission, but (for now) with a correlation id of its own."""


def citizen() -> dict[str, str]:
    unique = uuid.uuid4().hex[:8]
    digits = unique.translate(str.maketrans("abcdef", "123456"))
    return {
        "name": f"Rahmawati Kusumo {unique}",
        "email": f"rahma.{unique}@example.id",
        "phone": f"+62 812 {digits[:4]} {digits[4:]}",
    }


def traces_of(person: dict[str, str]) -> list[str]:
    """What would give the person away in a log line, also in the forms a service may normalise to."""
    phone_digits = "".join(c for c in person["phone"] if c.isdigit())
    return [*person.values(), phone_digits, phone_digits[2:], person["name"].split()[-1]]


def pothole(person: dict[str, str]) -> dict[str, Any]:
    return {
        "service_code": "pothole",
        "description": "Lubang besar di Jl. Menteng Raya dekat halte.",
        "lat": -6.1951,
        "long": 106.8345,
        "citizen": person,
    }


@pytest.fixture(scope="module")
async def stack(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Stack]:
    async with running_stack(tmp_path_factory.mktemp("stack")) as running:
        yield running


@pytest.fixture(scope="module")
async def flow(stack: Stack) -> tuple[list[dict[str, str]], list[str]]:
    """Three citizens served end to end, one turned away for a bad email; (people, request ids)."""
    people = [citizen() for _ in range(4)]
    async with httpx.AsyncClient(base_url=stack.urls["intake"]) as client:
        ids = []
        for person in people[:3]:
            response = await client.post("/v1/requests", json=pothole(person))
            assert response.status_code == 201, response.text
            ids.append(response.json()["id"])
        rejected = await client.post("/v1/requests", json=pothole({**people[3], "email": "rahma at home"}))
        assert rejected.status_code == 422
        for request_id in ids:
            async with asyncio.timeout(60):
                while (await client.get(f"/v1/requests/{request_id}")).json()["status"] == "received":
                    await asyncio.sleep(0.3)
    await until_notify_handled(stack, ids)
    await asyncio.sleep(2)  # notify's dispatcher sends (or fails to), and says so in its log
    return people, ids


async def until_notify_handled(stack: Stack, ids: list[str]) -> None:
    """Notify has the contact and the assignment of every request: the whole flow has run."""
    async with asyncio.timeout(60):
        while True:
            handled = [
                line.get("request_id")
                for line in lines(stack)["notify"]
                if line["message"] == "event handled"
            ]
            if all(handled.count(request_id) >= 2 for request_id in ids):
                return
            await asyncio.sleep(0.3)


def raw_lines(stack: Stack) -> dict[str, list[str]]:
    return {service: path.read_text().splitlines() for service, path in stack.logs.items()}


def lines(stack: Stack) -> Lines:
    return {service: [json.loads(line) for line in raw] for service, raw in raw_lines(stack).items()}


async def test_every_line_every_service_writes_is_one_json_object(
    stack: Stack, flow: tuple[list[dict[str, str]], list[str]]
) -> None:
    for service, raw in raw_lines(stack).items():
        assert raw, f"{service} logged nothing"
        for line in raw:
            parsed = json.loads(line)  # fails on FastStream's or uvicorn's own coloured text lines
            assert isinstance(parsed, dict)
            assert parsed["service"] == service


async def test_no_line_holds_a_citizens_name_email_or_phone(
    stack: Stack, flow: tuple[list[dict[str, str]], list[str]]
) -> None:
    people, _ = flow
    every_line = [line for raw in raw_lines(stack).values() for line in raw]
    for trace in (t for person in people for t in traces_of(person)):
        leaking = [line for line in every_line if trace.lower() in line.lower()]
        assert leaking == [], f"{trace!r} is in the logs"


async def test_each_event_handled_is_logged_with_its_request_and_correlation_id(
    stack: Stack, flow: tuple[list[dict[str, str]], list[str]]
) -> None:
    _, ids = flow
    handled = [
        (service, line)
        for service, logged in lines(stack).items()
        for line in logged
        if line["message"] == "event handled"
    ]
    for request_id in ids:
        steps = [(service, line) for service, line in handled if line.get("request_id") == request_id]
        assert {service for service, _ in steps} == {"intake", "routing", "notify"}
        assert all(line.get("correlation_id") and line.get("event_type") for _, line in steps)
        caused_by_submission = {line["correlation_id"] for _, line in steps if line["event_type"] != CONTACT}
        assert len(caused_by_submission) == 1, "the submission's consequences share its correlation id"


async def test_each_http_request_gets_one_access_line_with_its_route_and_status(
    stack: Stack, flow: tuple[list[dict[str, str]], list[str]]
) -> None:
    _, ids = flow
    access = [line for line in lines(stack)["intake"] if line["message"] == "http request"]
    posted = [line for line in access if line["route"] == "/v1/requests" and line["method"] == "POST"]
    assert sorted(line["status"] for line in posted) == ["201", "201", "201", "422"]
    shown = {line.get("request_id") for line in access if line["route"] == "/v1/requests/{request_id}"}
    assert set(ids) <= shown


async def test_the_outbox_relays_log_what_they_publish(
    stack: Stack, flow: tuple[list[dict[str, str]], list[str]]
) -> None:
    published = {
        service: sum(int(line["count"]) for line in logged if line["message"] == "outbox published a batch")
        for service, logged in lines(stack).items()
    }
    assert published["intake"] >= 2 * len(flow[1])  # a submission and a contact per request
    assert published["routing"] >= len(flow[1])
