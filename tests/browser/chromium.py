"""Headless Chromium from Debian's package, driven by Playwright; axe-core from npm, run inside the page.

`deploy/local/browser.sh install` (run by `make test`) puts both in place; nothing here downloads
a browser (`playwright install` is never run).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.async_api import Page

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("DEKAT_CHROMIUM", "/usr/bin/chromium")
AXE = Path(os.environ.get("DEKAT_CACHE", ROOT / ".cache")) / "browser/node_modules/axe-core/axe.min.js"
SCREENSHOTS = ROOT / ".run" / "screenshots"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = (360, 740)
MISSING = "run `bash deploy/local/browser.sh install` (make test does): {} is missing"


def missing() -> str | None:
    """What is not installed, if anything."""
    for path in (Path(CHROMIUM), AXE):
        if not path.exists():
            return MISSING.format(path)
    return None


@dataclass
class Screens:
    """Screenshots of one test, numbered in the order taken, under `.run/screenshots/<test>/`."""

    folder: Path
    taken: list[Path] = field(default_factory=list)

    async def take(self, page: Page, name: str) -> Path:
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / f"{len(self.taken) + 1:02d}-{name}.png"
        await page.screenshot(path=str(path), full_page=True)
        self.taken.append(path)
        return path


def folder_for(test_name: str) -> Path:
    return SCREENSHOTS / re.sub(r"[^A-Za-z0-9_.-]+", "_", test_name)


SERIOUS = ("serious", "critical")


async def axe_violations(page: Page) -> list[dict[str, Any]]:
    """axe-core's serious and critical findings on the page as it is now (WCAG 2.x A and AA)."""
    if not await page.evaluate("typeof window.axe !== 'undefined'"):
        await page.evaluate(AXE.read_text())
    result: dict[str, Any] = await page.evaluate(
        "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in SERIOUS
    ]


async def focused(page: Page) -> str:
    """The focused element, as `tag#id` (or its text when it has no id)."""
    described: str = await page.evaluate(
        "(() => { const e = document.activeElement; if (!e) return '';"
        " return e.tagName.toLowerCase() + (e.id ? '#' + e.id : ':' + (e.textContent || '').trim()); })()"
    )
    return described


async def tab_to(page: Page, wanted: str, limit: int = 80) -> None:
    """Press Tab until the element matching the CSS selector `wanted` has the focus."""
    for _ in range(limit):
        await page.keyboard.press("Tab")
        if await page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", wanted):
            return
    raise AssertionError(f"Tab never reached {wanted!r}; last focused: {await focused(page)}")


async def focus_ring(page: Page) -> str:
    """The focused element's outline: a keyboard user must see where they are."""
    ring: str = await page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return s.outlineStyle + ' ' + s.outlineWidth; })()"
    )
    return ring
