"""Counter staff over HTTP against a real intake: accounts made with the admin key, the shared
sign-in door at /counter, sessions that end when the account is disabled, CSRF on every form."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import httpx
import pytest

from tests.e2e.console_client import PASSWORD, Visitor
from tests.e2e.intake_alone import Intake, intake_alone
from tests.e2e.stack import PORT_BASE

pytestmark = pytest.mark.e2e

PORT = PORT_BASE + 35
ADMIN = {"X-API-Key": "test-intake-admin"}
COUNTER = "ptsp-menteng"


@pytest.fixture(scope="module")
async def intake(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Intake]:
    overrides = {"DEKAT_ADMIN_API_KEY": ADMIN["X-API-Key"], "DEKAT_SIGN_IN_DELAY_SECONDS": "0.01"}
    async with intake_alone(tmp_path_factory.mktemp("counter"), PORT, overrides) as running:
        yield running


async def add(intake: Intake, username: str, counter: str = COUNTER, **extra: str) -> httpx.Response:
    body = {"username": username, "name": "Budi Petugas", "password": PASSWORD, **extra}
    async with httpx.AsyncClient(base_url=intake.url) as client:
        return await client.post(f"/v1/admin/counters/{counter}/staff", json=body, headers=ADMIN)


async def change(intake: Intake, username: str, **body: object) -> httpx.Response:
    async with httpx.AsyncClient(base_url=intake.url) as client:
        return await client.post(f"/v1/admin/counters/{COUNTER}/staff/{username}", json=body, headers=ADMIN)


def at_desk(intake: Intake) -> Visitor:
    return Visitor(httpx.AsyncClient(base_url=intake.url, timeout=15))


async def signed_in(intake: Intake, username: str) -> Visitor:
    desk = at_desk(intake)
    await desk.get("/counter/sign-in")
    answer = await desk.post("/counter/sign-in", {"username": username, "password": PASSWORD})
    assert answer.status_code == 303
    return desk


def unique() -> str:
    return f"budi.{uuid.uuid4().hex[:6]}"


async def test_a_counters_staff_member_signs_in_and_finds_their_counter(intake: Intake) -> None:
    username = unique()
    assert (await add(intake, username)).status_code == 201
    desk = await signed_in(intake, username)

    page = await desk.get("/counter")

    assert page.status_code == 200
    assert "Budi Petugas di PTSP Kecamatan Menteng" in page.text


async def test_a_signed_out_visitor_is_sent_to_sign_in(intake: Intake) -> None:
    answer = await at_desk(intake).get("/counter")

    assert answer.status_code == 303
    assert answer.headers["location"] == "/counter/sign-in?next=/counter"


async def test_a_disabled_account_is_signed_out_at_once_and_a_new_password_ends_every_session(
    intake: Intake,
) -> None:
    first, second = unique(), unique()
    await add(intake, first), await add(intake, second)
    one, other = await signed_in(intake, first), await signed_in(intake, second)

    disabled = await change(intake, first, disabled=True)
    renewed = await change(intake, second, password="sandi-baru-4567")

    assert disabled.json() == {"username": first, "counter_id": COUNTER, "disabled": True}
    assert renewed.status_code == 200
    assert (await one.get("/counter")).status_code == 303
    assert (await other.get("/counter")).status_code == 303


async def test_sign_in_and_sign_out_forms_without_their_csrf_token_are_refused(intake: Intake) -> None:
    username = unique()
    await add(intake, username)
    desk = await signed_in(intake, username)

    out = await desk.post("/counter/sign-out", {}, with_token=False)
    sneaky = await at_desk(intake).post("/counter/sign-in", {"username": username, "password": PASSWORD})

    assert out.status_code == sneaky.status_code == 403
    assert (await desk.get("/counter")).status_code == 200


async def test_accounts_are_made_only_with_the_admin_key_and_bad_input_names_the_field(
    intake: Intake,
) -> None:
    username = unique()
    made = await add(intake, username)
    taken = await add(intake, username)
    nowhere = await add(intake, unique(), counter="no-such-counter")
    bad = await add(intake, "A B", password="short")
    async with httpx.AsyncClient(base_url=intake.url) as client:
        keyless = await client.post(f"/v1/admin/counters/{COUNTER}/staff", json={})
        wrong_key = await client.post(
            f"/v1/admin/counters/{COUNTER}/staff", json={}, headers={"X-API-Key": "x"}
        )

    assert (made.status_code, taken.status_code, nowhere.status_code) == (201, 409, 404)
    assert {p["field"] for p in bad.json()["problems"]} == {"username", "password"}
    assert (keyless.status_code, wrong_key.status_code) == (401, 403)
