"""The admin API and what routing tells about its network, against a real routing process, Kafka and
PostgreSQL: rule sets as strict as citizens' input, a dry run, topic-safe agency codes, paged
agencies, the areas announced for intake, reasons in Indonesian and English, places from addresses."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest
from dekat import topics
from dekat.events import Envelope

from tests.conftest import KAFKA
from tests.integration.routing.running import ADMIN, Routing, routing
from tests.kafka_reader import read_all

pytestmark = pytest.mark.e2e
SQUARE = [[106.846, -6.160], [106.884, -6.160], [106.884, -6.136], [106.846, -6.136], [106.846, -6.160]]


@pytest.fixture(scope="module")
async def service(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Routing]:
    async with routing(tmp_path_factory.mktemp("routing-admin")) as running:
        yield running


async def current_rules(service: Routing) -> dict[str, Any]:
    async with service.client() as client:
        found: dict[str, Any] = (await client.get("/v1/admin/rules", headers=ADMIN)).json()
    return found


@pytest.mark.parametrize(
    ("rules", "field"),
    [
        ([{"id": "roads", "services": "pothole", "lead": ["dinas-bina-marga"]}], "rules.0.services"),
        ([{"id": "roads", "services": ["pothole"], "when": "urgent"}], "rules.0.when"),
        ([{"id": "roads", "services": ["pothole"], "when": {"priority": "asap"}}], "rules.0.when.priority"),
        (
            [{"id": "roads", "services": ["pothole"], "deadlines": {"resolve_hours": -1}}],
            "rules.0.deadlines.resolve_hours",
        ),
        ([{"id": "roads", "services": ["broken-bench"]}], "rules.0.services"),
        ([{"id": "roads", "services": ["pothole"], "area": "atlantis"}], "rules.0.area"),
        ([{"id": "roads", "services": ["pothole"], "lead": ["pam-jaya"]}], "rules.0.lead"),
    ],
)
async def test_a_bad_rule_set_is_a_422_naming_the_field_and_the_live_rules_stay(
    service: Routing, rules: list[dict[str, Any]], field: str
) -> None:
    before = await current_rules(service)

    async with service.client() as client:
        response = await client.put("/v1/admin/rules", json={"rules": rules}, headers=ADMIN)

    assert response.status_code == 422, response.text
    assert field in [p["field"] for p in response.json()["problems"]]
    assert (await current_rules(service))["version"] == before["version"]


async def test_a_dry_run_shows_which_recent_requests_would_go_elsewhere_and_changes_nothing(
    service: Routing,
) -> None:
    drain = await service.submit("blocked-drain")
    pothole = await service.submit("pothole")
    await service.routing_of(drain)
    await service.routing_of(pothole)
    before = await current_rules(service)
    document = before["document"]
    proposed = {
        **document,
        "rules": [{**r, "lead": ["dinas-sda"]} if r["id"] == "drainage" else r for r in document["rules"]],
    }

    async with service.client() as client:
        tried = await client.post("/v1/admin/rules/dry-run", json=proposed, headers=ADMIN)
        also = await client.put("/v1/admin/rules", params={"dry_run": "true"}, json=proposed, headers=ADMIN)

    assert tried.status_code == 200, tried.text
    changed = {c["request_id"]: c for c in tried.json()["changed"]}
    assert drain in changed
    assert pothole not in changed
    assert (changed[drain]["now"]["agency_code"], changed[drain]["proposed"]["agency_code"]) == (
        "sudin-sda-jakpus",
        "dinas-sda",
    )
    assert also.json()["changed"] == tried.json()["changed"]
    assert (await current_rules(service))["version"] == before["version"]


@pytest.mark.parametrize("code", ["Dinas_SDA", "a", "dinas.sda", "-dinas"])
async def test_an_agency_code_that_cannot_name_a_topic_is_a_422_on_code(service: Routing, code: str) -> None:
    agency = {"name": "X", "kind": "ngo", "capacity": 5, "handles": [{"services": ["flooding"]}]}

    async with service.client() as client:
        response = await client.put(f"/v1/admin/agencies/{code}", json=agency, headers=ADMIN)

    assert response.status_code == 422
    assert [p["field"] for p in response.json()["problems"]] == ["code"]


async def test_an_agency_handling_a_service_outside_the_catalogue_is_a_422_on_handles(
    service: Routing,
) -> None:
    agency = {"name": "X", "kind": "ngo", "capacity": 5, "handles": [{"services": ["broken-bench"]}]}

    async with service.client() as client:
        response = await client.put("/v1/admin/agencies/bench-fixers", json=agency, headers=ADMIN)

    assert (response.status_code, response.json()["problems"][0]["field"]) == (422, "handles")


async def test_agencies_come_in_pages_with_the_total(service: Routing) -> None:
    async with service.client() as client:
        first = (await client.get("/v1/agencies", params={"limit": 5})).json()
        second = (await client.get("/v1/agencies", params={"limit": 5, "offset": 5})).json()
        too_many = await client.get("/v1/agencies", params={"limit": 100_000})

    assert first["total"] >= 16
    assert len(first["agencies"]) == len(second["agencies"]) == 5
    assert not {a["code"] for a in first["agencies"]} & {a["code"] for a in second["agencies"]}
    assert (too_many.status_code, too_many.json()["problems"][0]["field"]) == (422, "limit")


async def test_every_area_is_announced_for_intake_and_an_admin_change_too(service: Routing) -> None:
    async with service.client() as client:
        put = await client.put(
            "/v1/admin/areas/kel-utan-panjang",
            json={"name": "Utan Panjang", "level": "kelurahan", "parent": "kec-kemayoran",
                  "geometry": {"type": "Polygon", "coordinates": [SQUARE]}},
            headers=ADMIN,
        )  # fmt: skip
    assert put.status_code == 200, put.text

    announced = await areas_announced(service, until="kel-utan-panjang")

    assert {"dki-jakarta", "jakarta-pusat", "kec-menteng", "kel-menteng"} <= set(announced)
    assert announced["dki-jakarta"]["level"] == "province"
    assert announced["kel-utan-panjang"]["revision"] > announced["dki-jakarta"]["revision"]


async def areas_announced(service: Routing, until: str) -> dict[str, dict[str, Any]]:
    """The latest `network.area` of each area code, once `until` is among them."""
    async with asyncio.timeout(30):
        while True:
            records = await read_all(KAFKA, service.namespace + topics.NETWORK_AREAS)
            found = {r.key.decode(): Envelope.model_validate_json(r.value).data for r in records if r.key}
            if until in found:
                return found
            await asyncio.sleep(0.3)


async def test_a_self_intersecting_area_is_a_422_on_geometry(service: Routing) -> None:
    bow_tie = [[106.846, -6.160], [106.884, -6.136], [106.884, -6.160], [106.846, -6.136], [106.846, -6.160]]

    async with service.client() as client:
        response = await client.put(
            "/v1/admin/areas/kel-bow",
            json={"name": "Bow", "level": "kelurahan", "parent": "kec-kemayoran",
                  "geometry": {"type": "Polygon", "coordinates": [bow_tie]}},
            headers=ADMIN,
        )  # fmt: skip

    assert (response.status_code, response.json()["problems"][0]["field"]) == (422, "geometry")
    assert "Self-intersection" in response.json()["problems"][0]["message"]


async def test_the_reasons_are_shown_and_announced_in_indonesian_and_english(service: Routing) -> None:
    request_id = await service.submit("blocked-drain")

    view = await service.routing_of(request_id)
    (assigned,) = await service.events(topics.REQUESTS_ASSIGNED, request_id)

    assert view["explanation"]["en"] == view["reasons"]
    assert (
        view["explanation"]["id"][0]
        == "kelurahan Menteng terletak di kecamatan Menteng, Jakarta Pusat, DKI Jakarta"
    )
    assert assigned["data"]["explanation"] == view["explanation"]
    assert "Suku Dinas Sumber Daya Air Jakarta Pusat is the closest office (city)" in view["reasons"][2]


async def test_an_address_without_a_point_is_placed_by_its_street(service: Routing) -> None:
    request_id = await service.submit("street-vendor-obstruction", at=None, address="Jl. Cikini Raya 73")
    chosen = await service.submit("street-vendor-obstruction", at=None, area_code="kel-senen")

    by_street, by_choice = await service.routing_of(request_id), await service.routing_of(chosen)

    assert (by_street["agency_code"], by_choice["agency_code"]) == ("kecamatan-menteng", "satpol-pp-jakpus")
    assert by_street["reasons"][0].startswith("the address names Jl. Cikini Raya: kelurahan Cikini")
    assert by_choice["reasons"][0].startswith("the citizen chose kelurahan Senen")
