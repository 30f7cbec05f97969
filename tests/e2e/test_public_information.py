"""The survey and the public information centre over HTTP, against intake as a real process on the
real broker and database (what routing would announce, the test produces itself): a reporter
answers the survey with their key, the figures follow, and nothing public (pages, JSON, open data)
names a citizen, their contact or a tracking code."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from dekat import topics
from dekat.events import Envelope, new_event
from dekat.payloads import AREA

from tests.conftest import KAFKA
from tests.e2e.intake_alone import Intake, intake_alone
from tests.e2e.stack import PORT_BASE
from tests.integration.effects import produce
from tests.unit.intake import history
from tests.unit.intake.builders import network_areas

pytestmark = pytest.mark.e2e

PORT = PORT_BASE + 61
CITIZENS = [
    {"name": "Rina Wulandari", "email": "rina.wulandari@example.id", "phone": "+62 811 2222 3333"},
    {"name": "Agus Prasetyo", "email": "agus.prasetyo@example.id", "phone": "0857 4444 5555"},
    {"name": "Dewi Lestari", "email": "dewi.lestari@example.id", "phone": "+62 812 6666 7777"},
]
PUBLIC_PATHS = [
    "/publik",
    "/public",
    "/publik/instansi/dinas-bina-marga",
    "/public/agencies/dinas-bina-marga",
    "/v1/public/agencies",
    "/v1/public/agencies/dinas-bina-marga",
    "/v1/public/kinds",
    "/v1/public/services",
    "/v1/public/areas",
    "/v1/public/formula",
    "/v1/public/snapshots",
    "/open-data",
    "/open-data/requests.csv",
    "/open-data/requests.json",
    "/open-data/daily.csv",
    "/open-data/daily.json",
]


@pytest.fixture(scope="module")
async def intake(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Intake]:
    overrides = {"DEKAT_PUBLIC_REFRESH_SECONDS": "0.5", "DEKAT_PUBLIC_GENERATION_POLL_SECONDS": "0.5"}
    async with intake_alone(tmp_path_factory.mktemp("public"), PORT, overrides) as running:
        areas = [
            new_event(AREA, subject=a.code, data=a, source="routing").to_bytes() for a in network_areas()
        ]
        await produce(KAFKA, running.namespace + topics.NETWORK_AREAS, areas)
        agency = history.agency("dinas-bina-marga", name="Dinas Bina Marga")
        await produce(KAFKA, running.namespace + topics.NETWORK_AGENCIES, [agency.to_bytes()])
        async with httpx.AsyncClient(base_url=running.url) as client, asyncio.timeout(60):
            while not (await client.get("/v1/areas")).json()["kecamatan"]:
                await asyncio.sleep(0.3)
        yield running


@pytest.fixture
async def client(intake: Intake) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=intake.url, timeout=30) as c:
        yield c


async def submit(
    client: httpx.AsyncClient, citizen: dict[str, str], privacy: str = "public"
) -> dict[str, Any]:
    body = {
        "service_code": "pothole",
        "description": f"Lubang besar. Hubungi {citizen['phone']} atau {citizen['email']}",
        "lat": history.MENTENG[0],
        "long": history.MENTENG[1],
        "privacy": privacy,
        **({} if privacy == "anonymous" else {"citizen": {**citizen, "consent_share": privacy == "public"}}),
    }
    response = await client.post("/v1/requests", json=body)
    assert response.status_code == 201, response.text
    found: dict[str, Any] = response.json()
    return found


async def routed_and_resolved(intake: Intake, request_id: str) -> None:
    """What routing would announce: assigned, acknowledged, resolved a little while ago."""
    now = datetime.now(UTC)
    deadlines: dict[str, Any] = {
        "acknowledge_by": now + timedelta(hours=1),
        "resolve_by": now + timedelta(days=1),
    }
    given = history.assigned(
        request_id, 1, now - timedelta(hours=3), agency_name="Dinas Bina Marga", **deadlines
    )
    events: list[tuple[str, Envelope]] = [
        (topics.REQUESTS_ASSIGNED, given),
        (topics.REQUESTS_STATUS, history.status(request_id, 2, now - timedelta(hours=2), "acknowledged")),
        (topics.REQUESTS_STATUS, history.status(request_id, 3, now - timedelta(hours=1), "resolved")),
    ]
    for topic, event in events:
        await produce(KAFKA, intake.namespace + topic, [event.to_bytes()], key=request_id.encode())


async def until_resolved(client: httpx.AsyncClient, code: str) -> None:
    async with asyncio.timeout(60):
        while (await client.get(f"/v1/requests/by-code/{code}")).json()["status"] != "resolved":
            await asyncio.sleep(0.3)


async def figures_of(client: httpx.AsyncClient) -> dict[str, Any]:
    async with asyncio.timeout(60):
        while (response := await client.get("/v1/public/agencies/dinas-bina-marga")).status_code != 200:
            await asyncio.sleep(0.3)
    found: dict[str, Any] = response.json()
    return found


async def until_figures(client: httpx.AsyncClient, respondents: int) -> dict[str, Any]:
    async with asyncio.timeout(60):
        while (found := await figures_of(client))["survey"]["respondents"] != respondents:
            await asyncio.sleep(0.5)
    return found


@pytest.fixture(scope="module")
async def answered(intake: Intake) -> list[dict[str, Any]]:
    """Three citizens' requests, resolved; two answered the survey (one changed their answer)."""
    async with httpx.AsyncClient(base_url=intake.url, timeout=30) as client:
        receipts = [
            await submit(client, c, p)
            for c, p in zip(CITIZENS, ("public", "confidential", "anonymous"), strict=True)
        ]
        for r in receipts:
            await routed_and_resolved(intake, r["id"])
        for r in receipts:
            await until_resolved(client, r["tracking_code"])
        for r, score in ((receipts[0], 2), (receipts[0], 4), (receipts[1], 3)):
            response = await client.post(
                f"/v1/requests/by-code/{r['tracking_code']}/survey",
                params={"k": r["reporter_key"]},
                json={
                    "answers": {**history.every(score), "cost": None},
                    "comment": f"Saran dari {CITIZENS[0]['name']}",
                },
            )
            assert response.status_code == 202, response.text
        await until_figures(client, 2)
    return receipts


async def test_a_reporter_answers_the_survey_with_their_key_and_may_change_it(
    answered: list[dict[str, Any]], client: httpx.AsyncClient
) -> None:
    first = answered[0]
    mine = await client.get(
        f"/v1/requests/by-code/{first['tracking_code']}/survey", params={"k": first["reporter_key"]}
    )
    assert mine.status_code == 200
    assert mine.json()["open"] is True
    assert mine.json()["answer"]["answers"]["time"] == 4  # the second answer replaced the first
    assert mine.json()["answer"]["answers"]["cost"] is None
    path = f"/v1/requests/by-code/{first['tracking_code']}/survey"
    body = {"answers": history.every(4)}
    assert (await client.post(path, json=body)).status_code == 401
    assert (await client.post(path, params={"k": answered[1]["reporter_key"]}, json=body)).status_code == 403
    bad = await client.post(path, params={"k": first["reporter_key"]}, json={"answers": {"time": 5}})
    assert bad.status_code == 422
    assert "answers.time" in bad.text
    nothing = await client.post(path, params={"k": first["reporter_key"]}, json={"answers": {"time": None}})
    assert nothing.status_code == 422


async def test_an_unresolved_request_has_no_survey_yet(client: httpx.AsyncClient) -> None:
    receipt = await submit(client, CITIZENS[2])
    response = await client.post(
        f"/v1/requests/by-code/{receipt['tracking_code']}/survey",
        params={"k": receipt["reporter_key"]},
        json={"answers": history.every(4)},
    )
    assert response.status_code == 409
    assert "resolved" in response.text


async def test_the_figures_count_the_answers_and_say_how_many_more_are_needed(
    answered: list[dict[str, Any]], client: httpx.AsyncClient
) -> None:
    found = await until_figures(client, 2)
    # two respondents: one gave 4 everywhere (cost left out), the other 3: time's mean is 3.5
    assert found["survey"]["nrr"]["time"] == {"answers": 2, "mean": 3.5}
    assert found["survey"]["nrr"]["cost"] == {"answers": 0, "mean": None}
    assert (found["trust"]["score"], found["trust"]["answers"], found["trust"]["needed"]) == (None, 2, 30)
    assert found["received"] >= 3
    assert found["on_time"]["acknowledge"]["yes"] >= 3


async def test_nothing_public_names_a_citizen_their_contact_or_a_tracking_code(
    answered: list[dict[str, Any]], client: httpx.AsyncClient
) -> None:
    secrets = [value for c in CITIZENS for value in c.values()]
    secrets += [r["tracking_code"] for r in answered] + [r["reporter_key"] for r in answered]
    secrets += [r["tracking_code"].replace("-", "")[2:] for r in answered]  # the short link's 8 characters
    secrets += [r["id"] for r in answered]
    for path in PUBLIC_PATHS:
        response = await client.get(path)
        assert response.status_code == 200, path
        leaked = [s for s in secrets if s in response.text]
        assert leaked == [], f"{path} shows {leaked}"
    rows = list(csv.DictReader(io.StringIO((await client.get("/open-data/requests.csv")).text)))
    assert len(rows) >= 3
    public = [r for r in rows if r["privacy"] == "public"]
    assert all("•••" in r["description"] for r in public)
    assert all(r["description"] == "" and r["lat"] == "" for r in rows if r["privacy"] != "public")


async def test_the_public_answers_are_cacheable_and_carry_no_cookie(
    answered: list[dict[str, Any]], client: httpx.AsyncClient
) -> None:
    for path in ("/publik", "/public", "/v1/public/agencies"):
        first = await client.get(path)
        assert first.headers["cache-control"] == "public, max-age=60"
        assert "set-cookie" not in first.headers
        again = await client.get(path, headers={"if-none-match": first.headers["etag"]})
        assert again.status_code == 304


async def test_the_open_data_is_one_json_document_with_its_licence(
    answered: list[dict[str, Any]], client: httpx.AsyncClient
) -> None:
    found = json.loads((await client.get("/open-data/requests.json")).text)
    assert found["licence"]["name"] == "CC BY 4.0"
    assert [c["name"] for c in found["columns"]][:3] == ["id", "service_code", "kecamatan_code"]
    assert {r["kelurahan"] for r in found["requests"]} == {"Menteng"}
    daily = json.loads((await client.get("/open-data/daily.json")).text)
    assert sum(d["received"] for d in daily["days"]) == len(found["requests"])


async def test_how_big_and_how_fast_the_public_pages_are(
    answered: list[dict[str, Any]], intake: Intake
) -> None:
    """Measured, for the record (printed with -s); a page must stay small enough for a phone."""
    async with httpx.AsyncClient(base_url=intake.url, timeout=30) as client:
        for path in ("/publik", "/public", "/publik/instansi/dinas-bina-marga", "/v1/public/agencies"):
            started = time.perf_counter()
            async with client.stream("GET", path) as response:
                first_byte = time.perf_counter() - started
                size = len(await response.aread())
            print(f"{path}: {size} bytes, first byte after {first_byte * 1000:.0f} ms")
            assert size < 200_000
