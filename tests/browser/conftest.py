"""Fixtures for the browser tests: one Chromium per session, a fresh phone-sized page per test, intake
(or the whole stack) as real processes, and each test's screenshots kept under `.run/screenshots/`."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from playwright.async_api import Browser, BrowserContext, Page, async_playwright

from tests.browser import chromium
from tests.browser.chromium import Screens
from tests.e2e.network import serve_network
from tests.e2e.stack import Stack, running_stack

TAKEN: list[Screens] = []


@pytest.fixture(scope="session")
async def browser() -> AsyncIterator[Browser]:
    if why := chromium.missing():
        pytest.fail(why)
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(executable_path=chromium.CHROMIUM, args=chromium.FLAGS)
        yield launched
        await launched.close()


@pytest.fixture(scope="module")
async def portal(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Stack]:
    """intake alone, with its own database and topics: all the citizen portal needs."""
    async with running_stack(tmp_path_factory.mktemp("portal"), only=("intake",)) as running:
        await serve_network(running.urls["intake"], running.namespace)  # routing would announce it
        yield running


@pytest.fixture(scope="module")
async def stack(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Stack]:
    """The three services, for journeys that cross them (a citizen, an agency, the messages)."""
    async with running_stack(tmp_path_factory.mktemp("stack")) as running:
        yield running


async def phone_context(browser: Browser, *, javascript: bool = True) -> BrowserContext:
    return await browser.new_context(
        viewport={"width": chromium.PHONE[0], "height": chromium.PHONE[1]},
        device_scale_factor=1,
        locale="id-ID",
        java_script_enabled=javascript,
    )


@pytest.fixture
async def page(browser: Browser) -> AsyncIterator[Page]:
    """A phone-sized page (360 by 740) with JavaScript, in a context of its own (no cookies yet)."""
    context = await phone_context(browser)
    yield await context.new_page()
    await context.close()


@pytest.fixture
async def page_without_js(browser: Browser) -> AsyncIterator[Page]:
    context = await phone_context(browser, javascript=False)
    yield await context.new_page()
    await context.close()


@pytest.fixture
def screens(request: pytest.FixtureRequest) -> Screens:
    taken = Screens(chromium.folder_for(request.node.name))
    for old in taken.folder.glob("*.png"):
        old.unlink()
    TAKEN.append(taken)
    return taken


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    shots = [s for s in TAKEN if s.taken]
    if shots:
        terminalreporter.section("screenshots")
        for s in shots:
            terminalreporter.write_line(f"{s.folder.relative_to(chromium.ROOT)}/ ({len(s.taken)} pages)")
