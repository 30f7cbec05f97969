"""An Open311 GeoReport v2 client, written against the spec, works unchanged against intake.

The client speaks only the spec: form-encoded POSTs, `.json` / `.xml` resources, the spec's
field names, and errors as a list of `{code, description}`.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from typing import Any
from xml.etree import ElementTree as ET

import asyncpg
import httpx
import pytest

from tests.e2e.stack import Stack, running_stack

pytestmark = pytest.mark.e2e

API_KEY = "dekat-demo-open311-key"
BASE = "/open311/v2"


@pytest.fixture(scope="module")
async def stack(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Stack]:
    async with running_stack(tmp_path_factory.mktemp("open311")) as running:
        yield running


@pytest.fixture
async def client(stack: Stack) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=stack.urls["intake"] + BASE) as c:
        yield c


def parsed(content: bytes) -> ET.Element:
    return ET.fromstring(content)  # noqa: S314  # our own test server's answer


def report(**extra: str) -> dict[str, str]:
    return {
        "api_key": API_KEY,
        "service_code": "pothole",
        "lat": "-6.1951",
        "long": "106.8345",
        "description": "Lubang besar di Jl. Menteng Raya",
        "attribute[size]": "large",
        **extra,
    }


async def post(client: httpx.AsyncClient, fields: dict[str, str], fmt: str = "json") -> httpx.Response:
    return await client.post(f"/requests.{fmt}", data=fields)  # httpx form-encodes, as the spec says


async def created_id(client: httpx.AsyncClient, fields: dict[str, str]) -> str:
    response = await post(client, fields)
    assert response.status_code == 200, response.text
    (created,) = response.json()
    assert created["service_notice"]
    return str(created["service_request_id"])


async def test_discovery_lists_the_v2_endpoint_in_both_formats(client: httpx.AsyncClient) -> None:
    discovery = (await client.get("/discovery.json")).json()
    (endpoint,) = discovery["endpoints"]
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert set(endpoint["formats"]) == {"text/xml", "application/json"}
    root = parsed((await client.get("/discovery.xml")).content)
    assert root.tag == "discovery"


async def test_services_and_a_service_definition_read_the_same_in_json_and_xml(
    client: httpx.AsyncClient,
) -> None:
    services = (await client.get("/services.json")).json()
    assert len(services) >= 15
    assert {"service_code", "service_name", "description", "metadata", "type", "keywords", "group"} <= set(
        services[0]
    )
    xml_services = parsed((await client.get("/services.xml")).content)
    assert [s.findtext("service_code") for s in xml_services] == [s["service_code"] for s in services]

    definition = (await client.get("/services/flooding.json", params={"locale": "en"})).json()
    depth = next(a for a in definition["attributes"] if a["code"] == "depth")
    assert depth["datatype"] == "singlevaluelist"
    assert depth["required"] is True
    assert {v["key"] for v in depth["values"]} == {"ankle", "knee", "waist"}
    xml_definition = parsed((await client.get("/services/flooding.xml")).content)
    assert xml_definition.findtext("service_code") == "flooding"
    assert xml_definition.find("attributes/attribute/values/value/key") is not None


async def test_a_posted_request_is_found_by_id_token_and_listing_and_gets_its_agency(
    client: httpx.AsyncClient,
) -> None:
    response = await post(
        client, report(email="budi@example.id", first_name="Budi", phone="+62 812 555 0101")
    )
    (created,) = response.json()
    request_id, token = created["service_request_id"], created["token"]

    async with asyncio.timeout(60):
        while True:
            (found,) = (await client.get(f"/requests/{request_id}.json")).json()
            if found["agency_responsible"]:
                break
            await asyncio.sleep(0.3)
    assert found["status"] == "open"
    assert found["agency_responsible"] == "Dinas Bina Marga"
    assert found["service_code"] == "pothole"
    assert found["expected_datetime"] is not None
    for field in ("requested_datetime", "updated_datetime", "address", "address_id", "zipcode", "media_url"):
        assert field in found
    assert found["lat"] == pytest.approx(-6.1951)

    assert (await client.get(f"/tokens/{token}.json")).json() == [
        {"service_request_id": request_id, "token": token}
    ]
    listed = (
        await client.get("/requests.json", params={"service_request_id": f"{request_id},nonsense"})
    ).json()
    assert [r["service_request_id"] for r in listed] == [request_id]
    xml = parsed((await client.get(f"/requests/{request_id}.xml")).content)
    assert xml.tag == "service_requests"
    assert xml.findtext("request/service_request_id") == request_id


async def test_no_listing_ever_shows_contact_details_or_what_a_confidential_request_says(
    client: httpx.AsyncClient,
) -> None:
    unique = uuid.uuid4().hex[:8]
    person = {
        "email": f"siti.{unique}@example.id",
        "first_name": f"Siti{unique}",
        "phone": "+62 812 555 0199",
    }
    await created_id(client, report(**person))
    secret = f"Rumah saya nomor {unique} di gang buntu"
    await created_id(client, report(description=secret, privacy="confidential", **person))

    for fmt in ("json", "xml"):
        listing = (await client.get(f"/requests.{fmt}")).text
        for detail in (*person.values(), secret):
            assert detail not in listing


async def test_filters_by_service_status_and_window(client: httpx.AsyncClient) -> None:
    flood = await created_id(
        client, {**report(service_code="flooding"), "attribute[size]": "", "attribute[depth]": "knee"}
    )
    floods = (
        await client.get("/requests.json", params={"service_code": "flooding", "status": "open"})
    ).json()
    assert flood in [r["service_request_id"] for r in floods]
    assert {r["service_code"] for r in floods} == {"flooding"}
    assert (
        await client.get("/requests.json", params={"service_code": "flooding", "status": "closed"})
    ).json() == []
    old = {"start_date": "2020-01-01T00:00:00Z", "end_date": "2020-02-01T00:00:00+07:00"}
    assert (await client.get("/requests.json", params=old)).json() == []


async def count_requests(stack: Stack) -> int:
    conn = await asyncpg.connect(stack.databases["intake"])
    try:
        return int(await conn.fetchval("SELECT count(*) FROM requests"))
    finally:
        await conn.close()


@pytest.mark.parametrize(
    ("fields", "status", "named"),
    [
        (report(api_key="not-a-key"), 403, "api_key"),
        ({k: v for k, v in report().items() if k != "api_key"}, 403, "api_key"),
        (report(service_code="unicorns"), 400, "service_code"),
        (report(service_code="flooding"), 400, "attribute"),
        (report(lat="95"), 400, "lat"),
        (report(lat="north"), 400, "lat"),
        (report(email="nobody"), 400, "email"),
        (report(jurisdiction_id="elsewhere.example"), 404, "jurisdiction_id"),
    ],
)
async def test_a_bad_post_gets_the_spec_error_list_and_stores_nothing(
    client: httpx.AsyncClient, stack: Stack, fields: dict[str, str], status: int, named: str
) -> None:
    before = await count_requests(stack)
    for fmt in ("json", "xml"):
        response = await post(client, fields, fmt)
        assert response.status_code == status
        if fmt == "json":
            (error,) = response.json()
            assert error["code"] == status
            assert named in error["description"]
        else:
            root = parsed(response.content)
            assert (root.tag, root.findtext("error/code")) == ("errors", str(status))
    assert await count_requests(stack) == before


@pytest.mark.parametrize(
    ("path", "params", "status"),
    [
        ("/services/unicorns.json", {}, 404),
        (f"/requests/{uuid.uuid4()}.json", {}, 404),
        ("/requests/not-an-id.xml", {}, 404),
        ("/tokens/nope.json", {}, 404),
        ("/services.yaml", {}, 404),
        ("/requests.json", {"start_date": "yesterday"}, 400),
        ("/requests.json", {"start_date": "2026-01-01T00:00:00Z", "end_date": "2026-06-01T00:00:00Z"}, 400),
        ("/requests.json", {"status": "pending"}, 400),
    ],
)
async def test_bad_lookups_get_the_spec_error_list(
    client: httpx.AsyncClient, path: str, params: dict[str, str], status: int
) -> None:
    response = await client.get(path, params=params)
    assert response.status_code == status
    body: Any = parsed(response.content) if path.endswith(".xml") else response.json()
    code = body.findtext("error/code") if path.endswith(".xml") else body[0]["code"]
    assert int(code) == status


async def test_a_broken_or_oversize_form_body_is_refused(client: httpx.AsyncClient, stack: Stack) -> None:
    before = await count_requests(stack)
    form = {"content-type": "application/x-www-form-urlencoded"}
    broken = await client.post("/requests.json", content=b"\xff\xfe=&&", headers=form)
    xml_body = await client.post(
        "/requests.json", content=b"<request/>", headers={"content-type": "text/xml"}
    )
    huge = await client.post("/requests.json", data=report(description="x" * 100_000))
    assert [broken.status_code, xml_body.status_code, huge.status_code] == [400, 400, 413]
    assert huge.json()[0]["code"] == 413
    assert await count_requests(stack) == before
