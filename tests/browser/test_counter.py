"""Counter staff in a real browser: sign in at the counter, take a citizen's report through the portal
in counter mode, and find it on the desk; the request names the counter and the staff member."""

from __future__ import annotations

import uuid

import httpx
from playwright.async_api import Page, expect

from tests.browser.chromium import Screens
from tests.browser.citizens import MENTENG, rows
from tests.browser.staff import ADMIN, PASSWORD, looked_at
from tests.e2e.stack import Stack

ALWAYS_OPEN = "posyandu-24-jam-cilandak"


async def counter_account(intake: str) -> str:
    username = f"petugas.{uuid.uuid4().hex[:6]}"
    body = {"username": username, "name": "Budi Santoso", "password": PASSWORD}
    async with httpx.AsyncClient(base_url=intake, timeout=30) as client:
        made = await client.post(f"/v1/admin/counters/{ALWAYS_OPEN}/staff", json=body, headers=ADMIN)
    assert made.status_code == 201, made.text
    return username


async def test_a_report_taken_at_the_counter_names_the_counter_and_the_staff_member(
    portal: Stack, page: Page, screens: Screens
) -> None:
    intake = portal.urls["intake"]
    username = await counter_account(intake)

    await page.goto(f"{intake}/counter")
    await expect(page.get_by_role("heading", level=1)).to_have_text("Masuk sebagai petugas loket")
    await looked_at(page, screens, "sign-in")
    await page.get_by_label("Nama pengguna").fill(username)
    await page.get_by_label("Kata sandi").fill(PASSWORD)
    await page.get_by_role("button", name="Masuk").click()
    await expect(page.get_by_text("Budi Santoso di Layanan Aduan 24 Jam Cilandak")).to_be_visible()
    await looked_at(page, screens, "desk")
    await page.goto(f"{intake}/services/blocked-drain/report?step=details&lat={MENTENG[0]}&long={MENTENG[1]}")
    await page.get_by_label("Ceritakan masalahnya").fill("Warga melapor di loket: got tersumbat")
    await page.get_by_role("button", name="Kirim laporan").click()
    code = await page.locator("#tracking-code").inner_text()
    await page.goto(f"{intake}/counter")

    await expect(page.locator("main")).to_contain_text(code)
    await looked_at(page, screens, "desk-after")
    found = await rows(
        portal.databases["intake"],
        "SELECT channel, source, taken_by FROM requests WHERE tracking_code = $1",
        code,
    )
    assert found == [{"channel": "counter", "source": ALWAYS_OPEN, "taken_by": username}]


async def test_a_citizen_at_home_reports_as_the_web_without_a_counter(portal: Stack, page: Page) -> None:
    intake = portal.urls["intake"]

    await page.goto(f"{intake}/services/blocked-drain/report?step=details&lat={MENTENG[0]}&long={MENTENG[1]}")
    await page.get_by_label("Ceritakan masalahnya").fill("Got tersumbat di depan rumah")
    await page.get_by_role("button", name="Kirim laporan").click()
    code = await page.locator("#tracking-code").inner_text()

    found = await rows(
        portal.databases["intake"], "SELECT channel, taken_by FROM requests WHERE tracking_code = $1", code
    )
    assert found == [{"channel": "web", "taken_by": None}]
