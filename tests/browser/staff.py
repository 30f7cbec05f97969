"""What the console's browser tests share: staff accounts made with the admin key, and signing in."""

from __future__ import annotations

import uuid

import httpx
from playwright.async_api import Page, expect

from tests.browser import chromium
from tests.browser.chromium import Screens

PASSWORD = "sandi-rahasia-123"
ADMIN = {"X-API-Key": "dekat-admin-demo"}


async def account(routing: str, agency: str, *, role: str = "staff", name: str = "Dewi Lestari") -> str:
    """A new console account at `agency`; its username."""
    username = f"{agency.split('-')[0]}.{uuid.uuid4().hex[:6]}"
    body = {"username": username, "name": name, "password": PASSWORD, "role": role}
    async with httpx.AsyncClient(base_url=routing, timeout=30) as client:
        made = await client.post(f"/v1/admin/agencies/{agency}/staff", json=body, headers=ADMIN)
    assert made.status_code == 201, made.text
    return username


async def sign_in(page: Page, routing: str, username: str, screens: Screens | None = None) -> None:
    await page.goto(f"{routing}/console")
    await expect(page.get_by_role("heading", level=1)).to_have_text("Masuk ke konsol")
    if screens is not None:
        await looked_at(page, screens, "sign-in")
    await page.get_by_label("Nama pengguna").fill(username)
    await page.get_by_label("Kata sandi").fill(PASSWORD)
    await page.get_by_role("button", name="Masuk").click()


async def looked_at(page: Page, screens: Screens, name: str) -> None:
    """Keep a screenshot of the page, and refuse it if axe finds a serious accessibility problem."""
    await screens.take(page, name)
    assert await chromium.axe_violations(page) == [], f"axe on {name} ({page.url})"
