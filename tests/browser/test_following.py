"""A second citizen with the same problem follows the first report from the "nearby" list instead
of sending it again, and is told of the case's next change once (Chromium on a phone-sized page,
the three services as real processes)."""

from __future__ import annotations

import asyncio
import uuid

import httpx
from playwright.async_api import Page, expect

from tests.browser.chromium import Screens
from tests.browser.citizens import MENTENG
from tests.browser.test_portal import looked_at
from tests.e2e.mailbox import messages_to
from tests.e2e.stack import Stack


async def test_a_second_citizen_follows_the_report_nearby_and_hears_of_its_next_change_once(
    stack: Stack, page: Page, screens: Screens
) -> None:
    follower = f"budi.{uuid.uuid4().hex[:8]}@example.id"
    first = {"service_code": "pothole", "description": "Lubang dalam di depan sekolah",
             "lat": MENTENG[0], "long": MENTENG[1], "attributes": {"size": "large"},
             "citizen": {"email": f"dewi.{uuid.uuid4().hex[:8]}@example.id"}}  # fmt: skip
    async with httpx.AsyncClient(timeout=30) as client:
        case = (await client.post(f"{stack.urls['intake']}/v1/requests", json=first)).json()
        async with asyncio.timeout(60):
            while (await client.get(f"{stack.urls['intake']}/v1/requests/{case['id']}")).json()[
                "status"
            ] == "received":
                await asyncio.sleep(0.3)

    near = f"lat={MENTENG[0]}&long={MENTENG[1] + 0.0004}"
    await page.goto(f"{stack.urls['intake']}/services/pothole/report?step=details&{near}")
    await page.get_by_role("link", name="Ikuti laporan ini").click()
    await looked_at(page, screens, "follow")
    await page.get_by_role("textbox", name="Email").fill(follower)
    await page.get_by_role("button", name="Ikuti laporan ini").click()
    await expect(page.get_by_role("status")).to_contain_text("Anda sekarang mengikuti laporan ini")
    await looked_at(page, screens, "following")

    async with httpx.AsyncClient(base_url=stack.urls["routing"], timeout=30) as routing:
        acknowledged = await routing.post(
            f"/v1/agency/requests/{case['id']}/actions",
            json={"action": "acknowledge"},
            headers={"X-API-Key": "demo-dinas-bina-marga-key"},
        )
    assert acknowledged.status_code == 200

    def subjects() -> list[str]:
        return [str(m["Subject"]) for m in messages_to(follower)]

    async with asyncio.timeout(90):
        while not [s for s in subjects() if "dikonfirmasi Dinas Bina Marga" in s]:
            await asyncio.sleep(0.5)
    await asyncio.sleep(3)  # a second message for the same change would arrive by now
    # The follower hears once that they follow it (where it stands), and once of the change after.
    assert sorted(subjects()) == sorted(
        [
            f"Anda kini mengikuti permintaan {case['tracking_code']}",
            f"Permintaan {case['tracking_code']} dikonfirmasi Dinas Bina Marga",
        ]
    )
    assert case["tracking_code"] in page.url
