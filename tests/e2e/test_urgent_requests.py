"""An urgent request is told to its citizen even in quiet hours; a normal one waits (real stack)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest

from tests.e2e.mailbox import messages_to, wait_for_mail
from tests.e2e.stack import Stack, running_stack
from tests.e2e.test_request_flow import citizen, pothole, submit, until_assigned

pytestmark = pytest.mark.e2e

JAKARTA = ZoneInfo("Asia/Jakarta")


def quiet_all_day(now: datetime) -> str:
    """Quiet hours covering every minute but one hour half a day away (start == end never is quiet)."""
    local = now.astimezone(JAKARTA)
    return f"{local + timedelta(hours=12):%H:%M}-{local + timedelta(hours=11):%H:%M}"


@pytest.fixture(scope="module")
async def stack(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Stack]:
    overrides = {"DEKAT_QUIET_HOURS": quiet_all_day(datetime.now(JAKARTA))}
    async with running_stack(tmp_path_factory.mktemp("stack"), overrides) as running:
        yield running


def flooding(person: dict[str, str]) -> dict[str, Any]:
    return {**pothole(person), "service_code": "flooding", "attributes": {"depth": "knee"}}


async def notifications_of(stack: Stack, request_id: str) -> list[dict[str, Any]]:
    operator = {"X-API-Key": "dekat-operator-demo"}  # the stack runs with the demo operator key
    async with httpx.AsyncClient(base_url=stack.urls["notify"], headers=operator) as client:
        response = await client.get("/v1/notifications", params={"request_id": request_id})
    assert response.status_code == 200, response.text
    found: list[dict[str, Any]] = response.json()
    return found


async def until_planned(stack: Stack, request_id: str, count: int) -> list[dict[str, Any]]:
    async with asyncio.timeout(60):
        while len(found := await notifications_of(stack, request_id)) < count:
            await asyncio.sleep(0.3)
    return found


async def test_a_flood_is_told_in_quiet_hours_while_a_pothole_waits_for_morning_in_one_message(
    stack: Stack,
) -> None:
    flooded, bothered = citizen(), citizen()
    urgent = await submit(stack, flooding(flooded))
    normal = await submit(stack, pothole(bothered))

    mail = await wait_for_mail(flooded["email"], count=2)
    await until_assigned(stack, normal["id"])
    await until_planned(stack, normal["id"], count=2)
    await asyncio.sleep(3)
    held = await notifications_of(stack, normal["id"])

    assert len(mail) == 2
    assert {n["kind"] for n in await notifications_of(stack, urgent["id"])} == {"received", "assigned"}
    assert {(n["kind"], n["state"]) for n in held} == {("received", "superseded"), ("assigned", "created")}
    assert all(n["held_until"] is not None for n in held)
    assert messages_to(bothered["email"]) == []
