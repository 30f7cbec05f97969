"""intake's edge on the real broker and database: where Dekat serves, what the public may read,
closed counters, re-synced devices, the real deadline, and clients that ask too much.

intake runs alone; what routing would announce (areas, assignments) the test produces itself.
Each test talks from its own loopback address, so each is its own client to the rate limits.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
from dekat import topics
from dekat.events import new_event
from dekat.payloads import AREA, ASSIGNED, RequestAssigned

from tests.conftest import KAFKA
from tests.e2e.intake_alone import Intake, intake_alone
from tests.e2e.stack import PORT_BASE, ROOT
from tests.integration.effects import produce
from tests.kafka_reader import read_all
from tests.unit.intake.builders import network_areas

pytestmark = pytest.mark.e2e

PORT = PORT_BASE + 31
LONDON = {"lat": 51.5074, "long": -0.1278}
SABANG = {"lat": -6.186, "long": 106.824}
CLOSED_KEY = "demo-counter-kantor-tutup-key"
ALWAYS_OPEN = "posyandu-24-jam-cilandak"
MOBILE = "mpk-jakarta-timur"


def counters_with_one_closed_today(tmp: Path) -> dict[str, str]:
    """The catalogue's counters, one that opens only three days from now, and the keys' digests."""
    counters = json.loads((ROOT / "deploy/catalogue/counters.json").read_text())
    today = datetime.now(ZoneInfo("Asia/Jakarta")).weekday()
    day = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")[(today + 3) % 7]
    closed = {"id": "kantor-tutup", "name": "Kantor Tutup", "address": "Jl. Sepi", "lat": -6.2, "long": 106.8}
    counters.append({**closed, "timezone": "Asia/Jakarta", "hours": {day: [["08:00", "12:00"]]}})
    keys = json.loads((ROOT / "deploy/catalogue/channel_keys.json").read_text())
    digest = hashlib.sha256(CLOSED_KEY.encode()).hexdigest()
    keys["keys"].append({"channel": "counter", "id": "kantor-tutup", "sha256": digest})
    (tmp / "counters.json").write_text(json.dumps(counters))
    (tmp / "channel_keys.json").write_text(json.dumps(keys))
    return {
        "DEKAT_COUNTERS_PATH": str(tmp / "counters.json"),
        "DEKAT_CHANNEL_KEYS_PATH": str(tmp / "channel_keys.json"),
    }


@pytest.fixture(scope="module")
async def intake(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Intake]:
    tmp = tmp_path_factory.mktemp("edge")
    overrides = {
        **counters_with_one_closed_today(tmp),
        "DEKAT_RATE_LIMIT_EXEMPT": "",
        "DEKAT_RATE_LIMIT_LOOKUP_PER_MINUTE": "1",  # a slow machine must not refill a guesser's bucket
    }
    async with intake_alone(tmp, PORT, overrides) as running:
        yield running


addresses = iter(f"127.0.0.{n}" for n in range(10, 250))


@pytest.fixture
async def client(intake: Intake) -> AsyncIterator[httpx.AsyncClient]:
    """A client of its own: its own loopback address, its own rate-limit buckets."""
    transport = httpx.AsyncHTTPTransport(local_address=next(addresses))
    async with httpx.AsyncClient(base_url=intake.url, transport=transport, timeout=30) as c:
        yield c


@pytest.fixture(scope="module")
async def served(intake: Intake) -> None:
    """routing's network (DKI Jakarta) has reached intake."""
    areas = [new_event(AREA, subject=a.code, data=a, source="routing").to_bytes() for a in network_areas()]
    await produce(KAFKA, intake.namespace + topics.NETWORK_AREAS, areas, key=b"jakarta-pusat")
    async with httpx.AsyncClient(base_url=intake.url) as c, asyncio.timeout(60):
        while len((await c.get("/v1/areas")).json()["kecamatan"]) < 8:
            await asyncio.sleep(0.3)


def pothole(**extra: Any) -> dict[str, Any]:
    return {"service_code": "pothole", "description": f"Lubang {uuid.uuid4().hex[:6]}", **SABANG, **extra}


async def submitted_event(intake: Intake, request_id: str) -> dict[str, Any]:
    async with asyncio.timeout(30):
        while True:
            records = await read_all(KAFKA, intake.namespace + topics.REQUESTS_SUBMITTED)
            found: list[dict[str, Any]] = [
                json.loads(r.value)["data"] for r in records if r.key == request_id.encode()
            ]
            if found:
                return found[0]
            await asyncio.sleep(0.3)


async def test_before_the_network_arrives_a_far_away_request_is_accepted_for_routing_to_place(
    client: httpx.AsyncClient,
) -> None:
    # first in this module, before `served`: intake has received no area yet
    response = await client.post("/v1/requests", json=pothole(**LONDON))
    assert response.status_code == 201


async def test_a_request_from_london_is_refused_naming_where_dekat_serves(
    client: httpx.AsyncClient, served: None
) -> None:
    native = await client.post("/v1/requests", json=pothole(**LONDON))
    open311 = await client.post(
        "/open311/v2/requests.json",
        data={"api_key": "dekat-demo-open311-key", "service_code": "pothole", "description": "x", **LONDON},
    )
    counter = await client.post(
        f"/v1/counters/{ALWAYS_OPEN}/requests",
        json={**pothole(**LONDON), "staff_id": "petugas-1"},
        headers={"X-API-Key": f"demo-counter-{ALWAYS_OPEN}-key"},
    )

    assert native.status_code == 422
    assert native.json()["problems"] == [
        {"field": "lat", "message": "outside the area Dekat serves: DKI Jakarta"}
    ]
    assert open311.status_code == 400
    assert open311.json() == [{"code": 400, "description": "lat: outside the area Dekat serves: DKI Jakarta"}]
    assert counter.status_code == 422
    assert (await client.post("/v1/requests", json=pothole())).status_code == 201


async def test_a_chosen_kelurahan_is_checked_and_passed_on_to_routing(
    client: httpx.AsyncClient, intake: Intake, served: None
) -> None:
    chosen = await client.post("/v1/requests", json=pothole(lat=None, long=None, area_code="kel-cikini"))
    unknown = await client.post("/v1/requests", json=pothole(area_code="kel-atlantis"))

    assert chosen.status_code == 201
    assert (await submitted_event(intake, chosen.json()["id"]))["area_code"] == "kel-cikini"
    assert unknown.status_code == 422
    assert unknown.json()["problems"][0]["field"] == "area_code"


async def test_the_portal_gets_every_kecamatan_with_its_kelurahan_and_may_cache_them(
    client: httpx.AsyncClient, served: None
) -> None:
    first = await client.get("/v1/areas")
    again = await client.get("/v1/areas", headers={"If-None-Match": first.headers["etag"]})

    menteng = next(k for k in first.json()["kecamatan"] if k["code"] == "kec-menteng")
    assert {"code": "kel-cikini", "name": "Cikini"} in menteng["kelurahan"]
    assert first.json()["served"] == ["DKI Jakarta"]
    assert "max-age" in first.headers["cache-control"]
    assert again.status_code == 304


async def test_a_phone_typed_into_a_description_is_hidden_from_the_public_and_routing_not_the_citizen(
    client: httpx.AsyncClient, intake: Intake
) -> None:
    typed = "Lubang dalam, telepon saya 0812-3456-7890 atau dewi@example.id"
    accepted = (await client.post("/v1/requests", json=pothole(description=typed))).json()

    public = (await client.get(f"/v1/requests/{accepted['id']}")).json()
    own = (await client.get(f"/v1/requests/by-code/{accepted['tracking_code']}")).json()
    listed = (await client.get(f"/open311/v2/requests.json?service_request_id={accepted['id']}")).json()
    sent = await submitted_event(intake, accepted["id"])

    hidden = "Lubang dalam, telepon saya 0•••-••••-•••• atau •••@•••"
    assert (public["description"], listed[0]["description"], sent["description"]) == (hidden, hidden, hidden)
    assert own["description"] == typed


async def test_a_closed_counter_says_when_it_opens_and_stores_nothing(
    client: httpx.AsyncClient, intake: Intake
) -> None:
    body = {**pothole(), "staff_id": "petugas-1"}
    response = await client.post(
        "/v1/counters/kantor-tutup/requests", json=body, headers={"X-API-Key": CLOSED_KEY}
    )

    assert response.status_code == 409
    (found,) = response.json()["problems"]
    assert found["field"] == "counter_id"
    assert found["message"].startswith("Kantor Tutup is closed now; it opens on ")
    assert found["message"].endswith("at 08:00 (Asia/Jakarta)")
    opens_at = datetime.fromisoformat(response.json()["opens_at"])
    assert timedelta(days=1) < opens_at - datetime.now(UTC) < timedelta(days=4)


async def test_a_mobile_item_resent_with_other_content_is_a_conflict_and_unchanged_is_existing(
    client: httpx.AsyncClient,
) -> None:
    url, key = f"/v1/mobile-units/{MOBILE}/sync", {"X-API-Key": f"demo-mobile-{MOBILE}-key"}
    item: dict[str, Any] = {
        "client_id": uuid.uuid4().hex,
        "created_at": datetime.now(UTC).isoformat(),
        "request": pothole(),
    }
    first = (await client.post(url, json={"items": [item]}, headers=key)).json()["results"][0]
    same = (await client.post(url, json={"items": [item]}, headers=key)).json()["results"][0]
    changed = {**item, "request": {**item["request"], "description": "Sesuatu yang lain"}}
    other = (await client.post(url, json={"items": [changed]}, headers=key)).json()["results"][0]

    assert (first["outcome"], same["outcome"], other["outcome"]) == ("created", "existing", "conflict")
    assert same["id"] == other["id"] == first["id"]
    assert other["problems"][0]["field"] == "request.description"


async def test_open311_shows_the_deadline_routing_set_not_the_catalogues_rough_default(
    client: httpx.AsyncClient, intake: Intake
) -> None:
    request_id = (await client.post("/v1/requests", json=pothole())).json()["id"]
    resolve_by = datetime(2026, 5, 9, 10, 0, tzinfo=UTC)
    data = RequestAssigned(
        request_id=request_id,
        agency_code="sudin-sda-jakpus",
        agency_name="Suku Dinas SDA Jakarta Pusat",
        reasons=["pothole in Tanah Abang"],
        rule_version=1,
        status_seq=1,
        assigned_at=datetime.now(UTC),
        resolve_by=resolve_by,
    )
    event = new_event(ASSIGNED, subject=request_id, data=data, source="routing")
    await produce(KAFKA, intake.namespace + topics.REQUESTS_ASSIGNED, [event.to_bytes()], request_id.encode())

    async with asyncio.timeout(30):
        while (view := (await client.get(f"/open311/v2/requests/{request_id}.json")).json()[0])[
            "agency_responsible"
        ] is None:
            await asyncio.sleep(0.3)
    assert view["expected_datetime"] == "2026-05-09T10:00:00+00:00"
    assert view["service_notice"] == "Target selesai 09-05-2026 17:00 WIB"


async def test_guessing_tracking_codes_is_cut_off_with_429_and_the_same_answer_for_a_real_code(
    client: httpx.AsyncClient,
) -> None:
    real = (await client.post("/v1/requests", json=pothole())).json()["tracking_code"]
    guesses = [(await client.get(f"/v1/requests/by-code/DK-{n:04d}-ZZZZ")) for n in range(3)]
    on_real = await client.get(f"/track/{real}")

    assert [g.status_code for g in guesses] == [404, 404, 429]
    unknown = {"error": "not_found", "message": "no such request", "field": "tracking_code"}
    assert guesses[0].json() == guesses[1].json() == unknown
    assert int(guesses[2].headers["retry-after"]) > 0
    assert (on_real.status_code, on_real.json()) == (429, guesses[2].json())


async def test_one_client_submitting_past_its_burst_gets_429_and_a_counter_with_its_key_does_not(
    client: httpx.AsyncClient,
) -> None:
    answers = [(await client.post("/v1/requests", json=pothole())).status_code for _ in range(12)]
    key = {"X-API-Key": f"demo-counter-{ALWAYS_OPEN}-key"}
    at_counter = [
        (
            await client.post(
                f"/v1/counters/{ALWAYS_OPEN}/requests", json={**pothole(), "staff_id": "p-1"}, headers=key
            )
        )
        for _ in range(12)
    ]

    assert answers[:10] == [201] * 10
    assert answers[10:] == [429, 429]
    assert [a.status_code for a in at_counter] == [201] * 12
