"""A citizen on a phone reads the public information centre, answers the survey about their
resolved request, and sees the figures change; every page screenshotted and checked with axe-core.

intake runs alone; what routing would announce (areas, the agency, the request's life) the test
produces itself."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from dekat import topics
from dekat.events import new_event
from dekat.payloads import AREA
from playwright.async_api import Locator, Page, expect

from tests.browser import chromium
from tests.browser.chromium import Screens
from tests.browser.citizens import MENTENG
from tests.conftest import KAFKA
from tests.e2e.stack import Stack, running_stack
from tests.integration.effects import produce
from tests.unit.intake import history
from tests.unit.intake.builders import network_areas


async def looked_at(page: Page, screens: Screens, name: str) -> None:
    await screens.take(page, name)
    assert await chromium.axe_violations(page) == [], f"axe on {name} ({page.url})"


@pytest.fixture(scope="module")
async def public(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Stack]:
    async with running_stack(tmp_path_factory.mktemp("public"), only=("intake",)) as running:
        ns = running.namespace
        areas = [
            new_event(AREA, subject=a.code, data=a, source="routing").to_bytes() for a in network_areas()
        ]
        await produce(KAFKA, ns + topics.NETWORK_AREAS, areas)
        agency = history.agency("dinas-bina-marga", name="Dinas Bina Marga")
        await produce(KAFKA, ns + topics.NETWORK_AGENCIES, [agency.to_bytes()])
        async with httpx.AsyncClient(base_url=running.urls["intake"]) as client, asyncio.timeout(60):
            while not (await client.get("/v1/areas")).json()["kecamatan"]:
                await asyncio.sleep(0.3)
        yield running


async def resolved_request(stack: Stack) -> dict[str, Any]:
    """A citizen's pothole report, which the agency acknowledged and resolved (as routing announces)."""
    body = {
        "service_code": "pothole",
        "description": "Lubang di depan SD Menteng 01",
        "lat": MENTENG[0],
        "long": MENTENG[1],
        "citizen": {"name": "Dewi", "email": "dewi@example.id"},
    }
    async with httpx.AsyncClient(base_url=stack.urls["intake"], timeout=30) as client:
        receipt: dict[str, Any] = (await client.post("/v1/requests", json=body)).json()
        rid, now = receipt["id"], datetime.now(UTC)
        deadlines: dict[str, Any] = {"acknowledge_by": now, "resolve_by": now + timedelta(days=1)}
        life = [
            (topics.REQUESTS_ASSIGNED, history.assigned(rid, 1, now - timedelta(hours=3), **deadlines)),
            (topics.REQUESTS_STATUS, history.status(rid, 2, now - timedelta(hours=2), "acknowledged")),
            (topics.REQUESTS_STATUS, history.status(rid, 3, now - timedelta(hours=1), "resolved")),
        ]
        for topic, event in life:
            await produce(KAFKA, stack.namespace + topic, [event.to_bytes()], key=rid.encode())
        async with asyncio.timeout(60):
            while (await client.get(f"/v1/requests/{rid}")).json()["status"] != "resolved":
                await asyncio.sleep(0.3)
    return receipt


async def until_shown(page: Page, where: Locator, text: str) -> None:
    """Reload (the browser revalidates its copy) until the figures say `text`."""
    async with asyncio.timeout(60):
        while not await where.count() or text not in await where.inner_text():
            await asyncio.sleep(1)
            await page.reload()


async def fits_the_phone(page: Page) -> None:
    width = await page.evaluate("document.documentElement.scrollWidth")
    assert width <= chromium.PHONE[0], f"{page.url} is {width} px wide"


async def test_on_a_phone_a_citizen_reads_the_figures_answers_the_survey_and_sees_them_change(
    public: Stack, page: Page, screens: Screens
) -> None:
    url = public.urls["intake"]
    receipt = await resolved_request(public)
    await page.goto(f"{url}/publik")
    row = page.locator("table.figures").first.get_by_role("row").filter(has_text="Dinas Bina Marga")
    await until_shown(page, row, "0 dari 30 jawaban")
    await expect(page.get_by_role("heading", level=1)).to_have_text("Pusat informasi publik")
    await fits_the_phone(page)
    await looked_at(page, screens, "publik")

    await page.goto(f"{url}/track/{receipt['tracking_code']}?k={receipt['reporter_key']}")
    survey = page.locator("#survey")
    await expect(survey.get_by_role("heading", name="Survei kepuasan (SKM)")).to_be_visible()
    for fieldset in await survey.locator("fieldset").all():
        await fieldset.get_by_role("radio", name="4 · Sangat baik").check()
    await survey.get_by_label("Saran Anda").fill("Cepat sekali, terima kasih")
    await looked_at(page, screens, "survey")
    await survey.get_by_role("button", name="Kirim survei").click()
    await expect(page.get_by_role("status")).to_contain_text("Terkirim")
    await expect(page.locator("#survey")).to_contain_text("Jawaban Anda tersimpan")
    await looked_at(page, screens, "survey-sent")

    await page.goto(f"{url}/publik")
    await until_shown(page, row, "1 dari 30 jawaban")
    await fits_the_phone(page)
    await looked_at(page, screens, "publik-after")


async def test_the_english_page_an_agencys_page_and_the_data_dictionary_read_on_a_phone(
    public: Stack, page: Page, screens: Screens
) -> None:
    url = public.urls["intake"]
    await page.goto(f"{url}/public")
    await expect(page.get_by_role("heading", level=1)).to_have_text("Public information centre")
    await expect(page.get_by_role("heading", name="How it is computed")).to_be_visible()
    await looked_at(page, screens, "public")
    await page.get_by_role("link", name="Dinas Bina Marga").first.click()
    await expect(page.get_by_role("heading", level=1)).to_have_text("Dinas Bina Marga")
    await fits_the_phone(page)
    await looked_at(page, screens, "agency")
    await page.goto(f"{url}/open-data?lang=en")
    await expect(page.get_by_role("heading", level=1)).to_have_text("Open data")
    await looked_at(page, screens, "open-data")
