"""A citizen on a phone uses the portal: finds a service, reports it with a photo, tracks it.

Every page is screenshotted (`.run/screenshots/<test>/`) and checked with axe-core.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import httpx
from PIL import Image
from playwright.async_api import Page, expect

from tests.browser import chromium
from tests.browser.chromium import Screens
from tests.browser.citizens import MENTENG, not_a_photo, photo_with_gps, rows
from tests.e2e.stack import Stack

CODE = re.compile(r"^DK-[2-9A-Z]{4}-[2-9A-Z]{4}$")


async def looked_at(page: Page, screens: Screens, name: str) -> None:
    """Keep a screenshot of the page, and refuse it if axe finds a serious accessibility problem."""
    await screens.take(page, name)
    assert await chromium.axe_violations(page) == [], f"axe on {name} ({page.url})"


async def test_on_a_phone_a_citizen_finds_a_service_reports_it_with_a_photo_and_tracks_it(
    portal: Stack, page: Page, screens: Screens, tmp_path: Path
) -> None:
    url = portal.urls["intake"]
    await page.context.grant_permissions(["geolocation"], origin=url)
    await page.context.set_geolocation({"latitude": MENTENG[0], "longitude": MENTENG[1]})
    await page.goto(url)
    await looked_at(page, screens, "home")
    await page.get_by_label("Cari layanan").fill("lubang")
    await page.get_by_role("button", name="Cari").click()
    await looked_at(page, screens, "search")
    await page.get_by_role("link", name="Jalan berlubang").first.click()
    await expect(page.get_by_role("heading", level=1)).to_have_text("Jalan berlubang")
    await looked_at(page, screens, "service")
    await page.get_by_role("link", name="Buat laporan").click()
    await page.get_by_role("button", name="Gunakan lokasi saya sekarang").click()
    await expect(page.get_by_role("status")).to_contain_text("Lokasi ditemukan")
    await looked_at(page, screens, "where")
    await page.get_by_role("button", name="Lanjut").click()
    await page.get_by_label("Ceritakan masalahnya").fill("Lubang sedalam 20 cm di depan SD Menteng 01")
    await page.get_by_label("Sedang (30-100 cm)").check()
    await page.locator("#photos").set_input_files(photo_with_gps(tmp_path))
    await expect(page.locator("[data-preview] img")).to_have_count(1)
    await page.locator("#email").fill("dewi@example.id")
    await looked_at(page, screens, "details")
    await page.get_by_role("button", name="Kirim laporan").click()
    await expect(page.get_by_role("heading", name="Laporan terkirim")).to_be_visible()
    code = await page.locator("#tracking-code").inner_text()
    assert CODE.match(code)
    await looked_at(page, screens, "sent")
    await page.get_by_role("link", name="Lihat perkembangan laporan").click()
    await expect(page.get_by_role("heading", level=1)).to_contain_text(code)
    await expect(page.locator(".badge.status")).to_have_text("Diterima")
    await looked_at(page, screens, "track")
    await the_photo_was_stored_without_its_exif(portal, code)


async def the_photo_was_stored_without_its_exif(portal: Stack, code: str) -> None:
    found = await rows(
        portal.databases["intake"],
        "SELECT p.data, r.lat, r.long FROM photos p JOIN requests r ON r.id = p.request_id"
        " WHERE r.tracking_code = $1",
        code,
    )
    assert len(found) == 1
    assert (found[0]["lat"], found[0]["long"]) == MENTENG
    stored = Image.open(io.BytesIO(found[0]["data"]))
    assert dict(stored.getexif()) == {}
    assert b"PhoneMaker" not in found[0]["data"]


async def test_the_same_report_works_without_javascript(
    portal: Stack, page_without_js: Page, screens: Screens, tmp_path: Path
) -> None:
    page = page_without_js
    await page.goto(f"{portal.urls['intake']}/services/blocked-drain")
    await page.get_by_role("link", name="Buat laporan").click()
    await expect(page.get_by_role("button", name="Gunakan lokasi saya sekarang")).to_be_hidden()
    await page.get_by_label("Kelurahan").select_option("kel-cikini")
    await page.locator("#address").fill("Jl. Cikini Raya depan No. 12")
    await screens.take(page, "where")
    await page.get_by_role("button", name="Lanjut").click()
    await expect(page.get_by_text("Kel. Cikini, Kec. Menteng")).to_be_visible()
    await page.get_by_label("Ceritakan masalahnya").fill("Got tersumbat sampah, air meluap ke jalan")
    await page.locator("#photos").set_input_files(photo_with_gps(tmp_path))
    await page.get_by_label("Rahasia").check()
    await screens.take(page, "details")
    await page.get_by_role("button", name="Kirim laporan").click()
    code = await page.locator("#tracking-code").inner_text()
    assert CODE.match(code)
    await screens.take(page, "sent")
    await page.get_by_role("link", name="Lihat perkembangan laporan").click()
    await expect(page.get_by_role("heading", level=1)).to_contain_text(code)
    await screens.take(page, "track")


async def test_a_citizen_can_report_with_the_keyboard_alone(
    portal: Stack, page: Page, screens: Screens
) -> None:
    await page.goto(f"{portal.urls['intake']}/services/streetlight-out")
    await chromium.tab_to(page, "a.button")
    assert (await chromium.focus_ring(page)).startswith("solid")
    await screens.take(page, "focus-on-start")
    async with page.expect_navigation():
        await page.keyboard.press("Enter")
    await chromium.tab_to(page, "#area")
    await page.keyboard.type("Gondangdia")
    await chromium.tab_to(page, "form button:not([data-geo-button])")
    async with page.expect_navigation():
        await page.keyboard.press("Enter")
    await chromium.tab_to(page, "#description")
    await page.keyboard.type("Lampu jalan mati sejak tiga hari")
    await chromium.tab_to(page, "#privacy")
    await page.keyboard.press("ArrowDown")  # from Publik to Rahasia
    await chromium.tab_to(page, "form[method=post] > button")
    await screens.take(page, "focus-on-submit")
    await page.keyboard.press("Enter")
    await expect(page.get_by_role("heading", name="Laporan terkirim")).to_be_visible()
    code = await page.locator("#tracking-code").inner_text()
    found = await rows(
        portal.databases["intake"], "SELECT privacy, address FROM requests WHERE tracking_code = $1", code
    )
    assert found == [{"privacy": "confidential", "address": "Kel. Gondangdia, Kec. Menteng"}]


async def test_english_is_one_click_away_and_remembered(portal: Stack, page: Page, screens: Screens) -> None:
    await page.goto(portal.urls["intake"])
    await expect(page.locator("html")).to_have_attribute("lang", "id")
    await page.get_by_role("link", name="English").click()
    await expect(page.locator("html")).to_have_attribute("lang", "en")
    await expect(page.get_by_role("heading", level=1)).to_have_text("Report a problem, ask for a service")
    await looked_at(page, screens, "home-en")
    await page.get_by_role("link", name="Broken water main").click()
    await expect(page.get_by_text("Usually handled within")).to_be_visible()
    await page.get_by_role("link", name="Start a report").click()
    await page.get_by_role("button", name="Continue").click()
    await expect(page.locator("#area-error")).to_have_text(re.compile("This service needs a location"))
    await looked_at(page, screens, "where-en-refused")
    await page.get_by_role("link", name="Bahasa Indonesia").click()
    await expect(page.locator("html")).to_have_attribute("lang", "id")


async def test_bad_input_shows_each_fields_message_and_stores_nothing(
    portal: Stack, page: Page, screens: Screens, tmp_path: Path
) -> None:
    await page.goto(f"{portal.urls['intake']}/services/pothole/report?step=details&area=kel-senen")
    await page.locator("#photos").set_input_files(not_a_photo(tmp_path))
    await page.locator("#email").fill("dewi-at-example")
    await page.get_by_role("button", name="Kirim laporan").click()
    await expect(page.locator("#description-error")).to_have_text("Wajib diisi.")
    await expect(page.locator("#photos-error")).to_have_text("File ini bukan foto JPEG, PNG atau WebP.")
    await expect(page.locator("#email-error")).to_contain_text("Alamat email ini tidak valid")
    await expect(page.locator("#description")).to_have_attribute(
        "aria-describedby", re.compile("description-error")
    )
    await expect(page.locator("#problems")).to_be_focused()
    await looked_at(page, screens, "refused")
    found = await rows(
        portal.databases["intake"], "SELECT count(*) AS n FROM requests WHERE address LIKE 'Kel. Senen%'"
    )
    assert found == [{"n": 0}]


async def test_more_than_three_photos_get_the_fields_message(
    portal: Stack, page_without_js: Page, screens: Screens, tmp_path: Path
) -> None:
    page = page_without_js
    await page.goto(f"{portal.urls['intake']}/services/illegal-dumping/report?step=details&area=kel-kwitang")
    await page.get_by_label("Ceritakan masalahnya").fill("Sampah dibuang di bantaran kali")
    await page.locator("#photos").set_input_files([photo_with_gps(tmp_path, f"{n}.jpg") for n in range(4)])
    await page.get_by_role("button", name="Kirim laporan").click()
    await expect(page.locator("#photos-error")).to_have_text("Paling banyak 3 foto.")
    await expect(page.get_by_label("Ceritakan masalahnya")).to_have_value("Sampah dibuang di bantaran kali")
    await screens.take(page, "too-many")


async def test_a_second_citizen_nearby_sees_the_open_report_first(
    portal: Stack, page: Page, screens: Screens
) -> None:
    url = portal.urls["intake"]
    first = {"service_code": "flooding", "description": "Banjir setinggi lutut, hubungi 0812 3456 7890",
             "lat": MENTENG[0], "long": MENTENG[1], "attributes": {"depth": "knee"},
             "citizen": {"name": "Dewi Lestari", "email": "dewi@example.id"}}  # fmt: skip
    async with httpx.AsyncClient() as client:
        assert (await client.post(f"{url}/v1/requests", json=first)).status_code == 201
    await page.goto(
        f"{url}/services/flooding/report?step=details&lat={MENTENG[0]}&long={MENTENG[1] + 0.0005}"
    )
    await expect(page.get_by_role("heading", name="Apakah ini masalah yang sama?")).to_be_visible()
    await expect(page.locator("#nearby-title + p + ul li")).to_have_count(1)
    text = await page.locator("section[aria-labelledby=nearby-title]").inner_text()
    assert "Dewi" not in text
    assert "dewi@example.id" not in text
    await looked_at(page, screens, "nearby")
