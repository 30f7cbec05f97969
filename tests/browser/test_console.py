"""Agency staff in a real browser (a phone-sized Chromium): a citizen's report goes from the top of
the queue to resolved, with the citizen answering a question on their tracking page; another agency
sees nothing of it; signed-out visitors sign in first; a form without its CSRF token is refused.

Every console page is screenshotted (`.run/screenshots/<test>/`) and checked with axe-core.
"""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

from playwright.async_api import Browser, Page, expect

from tests.browser import chromium
from tests.browser.chromium import Screens
from tests.browser.citizens import MENTENG, photo_with_gps
from tests.browser.conftest import phone_context
from tests.browser.staff import account, looked_at, sign_in
from tests.e2e.stack import Stack

LOADED = "() => [...document.images].some(i => i.alt.startsWith('Foto') && i.complete && i.naturalWidth > 0)"
"""The citizen's photo has arrived (through routing's check and intake's signed link) and decoded."""
HOLDER = "sudin-sda-jakpus"
"""Who leads a blocked drain in Jakarta Pusat."""


async def reported_with_a_photo(page: Page, intake: str, tmp_path: Path) -> tuple[str, str]:
    """A citizen reports a blocked drain in Menteng with a photo; (tracking code, their tracking link)."""
    await page.goto(f"{intake}/services/blocked-drain/report?step=details&lat={MENTENG[0]}&long={MENTENG[1]}")
    await page.get_by_label("Ceritakan masalahnya").fill("Got tersumbat sampah di depan SD Cikini 01")
    await page.locator("#photos").set_input_files(photo_with_gps(tmp_path))
    await page.locator("#email").fill("dewi@example.id")
    await page.get_by_role("button", name="Kirim laporan").click()
    code = await page.locator("#tracking-code").inner_text()
    link = await page.get_by_role("link", name="Lihat perkembangan laporan").get_attribute("href")
    assert link is not None
    return code, link if link.startswith("http") else f"{intake}{link}"


async def act(page: Page, action: str, button: str, note: str | None = None) -> None:
    form = page.locator(f"#do-{action}")
    if note is not None:
        await form.get_by_role("textbox").fill(note)
    await form.get_by_role("button", name=button).click()


async def test_staff_take_a_report_from_the_top_of_the_queue_to_resolved_with_the_citizens_answer(
    stack: Stack, browser: Browser, page: Page, screens: Screens, tmp_path: Path
) -> None:
    intake, routing = stack.urls["intake"], stack.urls["routing"]
    code, tracking = await reported_with_a_photo(page, intake, tmp_path)
    staff = await (await phone_context(browser)).new_page()
    username = await account(routing, HOLDER)

    await sign_in(staff, routing, username, screens)
    await expect(staff.get_by_role("heading", level=1)).to_contain_text("Antrean")
    await expect(staff.locator("ol.queue > li").first).to_contain_text(code, timeout=30_000)
    await looked_at(staff, screens, "queue")
    await staff.locator("ol.queue > li").first.get_by_role("link").click()
    photo = staff.get_by_role("img", name=re.compile("Foto 1 dari warga"))
    await expect(photo).to_be_visible()
    await staff.wait_for_function(LOADED, timeout=10_000)
    await looked_at(staff, screens, "request")
    await act(staff, "acknowledge", "Tanggapi")
    await expect(staff.get_by_role("status")).to_have_text("Permintaan sudah ditanggapi.")
    await act(staff, "request_info", "Minta informasi dari warga", "Di depan nomor rumah berapa?")
    await expect(staff.locator(".badge.status")).to_have_text("Menunggu informasi dari warga")
    await looked_at(staff, screens, "asked")

    await page.goto(tracking)
    await expect(page.get_by_text("Di depan nomor rumah berapa?")).to_be_visible(timeout=30_000)
    await page.get_by_label("Jawaban Anda").fill("Di depan nomor 12, dekat warung")
    await page.get_by_role("button", name="Kirim").click()

    await reloaded_until(staff, "ol.timeline", "Di depan nomor 12, dekat warung")
    await expect(staff.locator(".badge.status")).to_have_text("Sedang dikerjakan")
    await act(staff, "resolve", "Selesaikan", "Got sudah dibersihkan petugas pagi ini.")
    await expect(staff.locator(".badge.status")).to_have_text("Selesai")
    timeline = staff.locator("ol.timeline")
    await expect(timeline).to_contain_text("oleh Dewi Lestari")
    await looked_at(staff, screens, "resolved")
    await page.goto(tracking)
    await expect(page.locator(".badge.status")).to_have_text(re.compile("Selesai"), timeout=30_000)


async def reloaded_until(page: Page, selector: str, text: str, seconds: float = 30) -> None:
    """Reload the page until `selector` shows `text` (it arrives over Kafka, from another service)."""
    async with asyncio.timeout(seconds):
        while text not in await page.locator(selector).inner_text():
            await asyncio.sleep(0.5)
            await page.reload()


async def test_another_agencys_staff_cannot_open_the_request_its_photo_or_its_queue(
    stack: Stack, page: Page, screens: Screens, tmp_path: Path
) -> None:
    intake, routing = stack.urls["intake"], stack.urls["routing"]
    code, _ = await reported_with_a_photo(page, intake, tmp_path)
    assert page.context.browser is not None
    holder = await (await phone_context(page.context.browser)).new_page()
    await sign_in(holder, routing, await account(routing, HOLDER))
    await holder.locator("ol.queue > li", has_text=code).get_by_role("link").click()
    request_url = holder.url
    photo_url = await holder.get_by_role("img").first.get_attribute("src")

    await sign_in(page, routing, await account(routing, "pam-jaya"))
    answers = [
        await page.goto(request_url),
        await page.goto(f"{routing}{photo_url}"),
        await page.goto(f"{routing}/console/queue?agency={HOLDER}"),
    ]

    assert [a.status if a else 0 for a in answers] == [404, 404, 404]
    await looked_at(page, screens, "not-found")


async def test_a_signed_out_visitor_is_sent_to_sign_in_and_back(stack: Stack, page: Page) -> None:
    routing = stack.urls["routing"]

    await page.goto(f"{routing}/console/escalations")

    assert page.url.startswith(f"{routing}/console/sign-in?next=/console/escalations")
    await page.get_by_label("Nama pengguna").fill(await account(routing, "dinas-sda"))
    await page.get_by_label("Kata sandi").fill("sandi-rahasia-123")
    await page.get_by_role("button", name="Masuk").click()
    await expect(page.get_by_role("heading", level=1)).to_have_text("Eskalasi")


async def test_a_form_without_its_csrf_token_is_refused(stack: Stack, page: Page, screens: Screens) -> None:
    routing = stack.urls["routing"]
    await sign_in(page, routing, await account(routing, "dinas-bina-marga", role="admin"))
    await page.get_by_role("link", name="Petugas").click()
    await looked_at(page, screens, "team")
    form = page.locator("form[action='/console/staff']")
    await form.locator("input[name=csrf]").evaluate("input => input.remove()")
    await form.get_by_label("Nama pengguna").fill("tanpa.token")
    await form.get_by_label("Nama lengkap").fill("Tanpa Token")
    await form.get_by_label("Kata sandi awal").fill("sandi-rahasia-123")

    async with page.expect_response(lambda r: r.request.method == "POST") as posted:
        await form.get_by_role("button", name="Tambah").click()

    assert (await posted.value).status == 403
    await expect(page.get_by_role("heading", level=1)).to_have_text("Formulir kedaluwarsa")
    await page.goto(f"{routing}/console/staff")
    await expect(page.locator("#tanpa\\.token")).to_have_count(0)


async def test_the_console_is_usable_with_the_keyboard_alone_and_in_english(
    stack: Stack, page: Page, screens: Screens
) -> None:
    routing = stack.urls["routing"]
    username = await account(routing, "dinas-lh")
    await page.goto(f"{routing}/console/sign-in?lang=en")
    await expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to the console")
    await chromium.tab_to(page, "#username")
    assert (await chromium.focus_ring(page)).startswith("solid")
    await page.keyboard.type(username)
    await page.keyboard.press("Tab")
    await page.keyboard.type("sandi-rahasia-123")
    await page.keyboard.press("Enter")
    await expect(page.get_by_role("heading", level=1)).to_have_text("Dinas Lingkungan Hidup: queue")
    await looked_at(page, screens, "queue-en")
