"""No secret is ever logged: the three services run with secrets of their own, every one of them
is used (right and wrong), and no JSON line of any service holds any of them. Each service logs
its settings when it starts, so the secrets were in reach of the log: they show as stars."""

from __future__ import annotations

import asyncio
import json
import re
import secrets
import uuid
from collections.abc import AsyncIterator

import httpx
import pytest

from tests.e2e.mailbox import text_of, wait_for_mail
from tests.e2e.stack import Stack, running_stack

pytestmark = pytest.mark.e2e

SECRETS = {
    name: f"{name.lower()}-{secrets.token_hex(8)}"
    for name in (
        "DEKAT_LINK_SECRET",
        "DEKAT_ADMIN_API_KEY",
        "DEKAT_OPERATOR_API_KEY",
        "DEKAT_CALLBACK_SECRET",
        "DEKAT_PREFERENCES_SECRET",
    )
}
DATABASE_PASSWORD = ":dekat_test@"
"""The test databases' password, as it stands in every service's DSN."""


@pytest.fixture(scope="module")
async def stack(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Stack]:
    async with running_stack(tmp_path_factory.mktemp("secrets"), SECRETS) as running:
        yield running


@pytest.fixture(scope="module")
async def issued(stack: Stack) -> list[str]:
    """Every secret used, by the right and the wrong people; the secrets the services handed out."""
    unique = uuid.uuid4().hex[:8]
    email = f"sari.{unique}@example.id"
    body = {"service_code": "pothole", "description": "Lubang", "lat": -6.1951, "long": 106.8345}
    admin, operator = SECRETS["DEKAT_ADMIN_API_KEY"], SECRETS["DEKAT_OPERATOR_API_KEY"]
    async with httpx.AsyncClient() as client:
        accepted = await client.post(
            f"{stack.urls['intake']}/v1/requests", json={**body, "citizen": {"name": "Sari", "email": email}}
        )
        assert accepted.status_code == 201, accepted.text
        routing, notify = stack.urls["routing"], stack.urls["notify"]
        for key in (admin, "wrong-key"):
            await client.get(f"{routing}/v1/admin/network", headers={"X-API-Key": key})
        new_key = await client.post(
            f"{routing}/v1/admin/agencies/pam-jaya/keys", headers={"X-API-Key": admin}
        )
        assert new_key.status_code < 300, new_key.text
        for key in (operator, "wrong-key"):
            await client.get(f"{notify}/v1/notifications", headers={"X-API-Key": key})
        mail = (await wait_for_mail(email))[0]  # received; assigned may have come too
        token = re.search(r"/preferences/([\w.~-]+)", text_of(mail))
        assert token is not None
        assert (await client.get(f"{notify}/preferences/{token[1]}")).status_code == 200
        await client.post(
            f"{notify}/v1/callbacks/receipts", content=b"{}", headers={"X-Dekat-Signature": "t=1,v1=00"}
        )
    await asyncio.sleep(1)
    return [accepted.json()["reporter_key"], token[1], *json_strings(new_key.json())]


def json_strings(value: object) -> list[str]:
    """Every string of at least 16 characters in a JSON document (the key it hands out)."""
    if isinstance(value, dict):
        return [s for v in value.values() for s in json_strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in json_strings(v)]
    return [value] if isinstance(value, str) and len(value) >= 16 else []


def every_line(stack: Stack) -> list[str]:
    return [line for path in stack.logs.values() for line in path.read_text().splitlines()]


async def test_no_line_of_any_service_holds_a_secret_it_was_given(stack: Stack, issued: list[str]) -> None:
    lines = every_line(stack)
    assert len(lines) > 50
    for name, secret in [*SECRETS.items(), ("the database password", DATABASE_PASSWORD)]:
        assert [line for line in lines if secret in line] == [], f"{name} is in the logs"


async def test_no_line_holds_a_key_or_token_a_service_handed_out(stack: Stack, issued: list[str]) -> None:
    lines = every_line(stack)
    assert len(issued) >= 3
    for secret in issued:
        assert [line for line in lines if secret in line] == []


async def test_each_service_logs_its_settings_at_start_with_the_secrets_starred(
    stack: Stack, issued: list[str]
) -> None:
    for service, path in stack.logs.items():
        (started,) = [json.loads(line) for line in path.read_text().splitlines() if "starting with" in line]
        settings = json.loads(started["message"].removeprefix("starting with "))
        assert settings["service"] == service
        assert ":**********@" in settings["database_url"]
        starred = [name for name, value in settings.items() if value == "**********"]
        assert starred, f"{service} logged no secret setting"
