"""A real Prometheus (Debian's, as `deploy/local/prometheus.sh` installs it) scrapes a test stack
with our rules loaded; after some requests flow, the series the dashboards and alerts read are there."""

from __future__ import annotations

import asyncio
import contextlib
import math
import uuid
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from tests.e2e.stack import PORT_BASE, Stack, running_stack
from tests.unit.common import promql

pytestmark = pytest.mark.e2e

PROMETHEUS = "/usr/bin/prometheus"
PORT = PORT_BASE + 90
URL = f"http://127.0.0.1:{PORT}"
REQUESTS = 4
Result = list[dict[str, Any]]


def config(stack: Stack) -> str:
    """Scrape the test stack every second, one job per service (as deploy/prometheus does), our rules."""
    return yaml.safe_dump(
        {
            "global": {"scrape_interval": "1s", "evaluation_interval": "1s"},
            "rule_files": [str(promql.RULES)],
            "scrape_configs": [
                {"job_name": service, "static_configs": [{"targets": [url.removeprefix("http://")]}]}
                for service, url in stack.urls.items()
            ],
        }
    )


@contextlib.asynccontextmanager
async def running_prometheus(stack: Stack, tmp: Path) -> AsyncIterator[None]:
    (tmp / "prometheus.yml").write_text(config(stack))
    process = await asyncio.create_subprocess_exec(
        PROMETHEUS,
        f"--config.file={tmp / 'prometheus.yml'}",
        f"--storage.tsdb.path={tmp / 'data'}",
        f"--web.listen-address=127.0.0.1:{PORT}",
        stdout=(tmp / "prometheus.log").open("wb"),
        stderr=asyncio.subprocess.STDOUT,
    )
    try:
        async with httpx.AsyncClient(timeout=30) as client, asyncio.timeout(90):
            while (await _ready(client)) is False:
                assert process.returncode is None, f"prometheus exited; see {tmp / 'prometheus.log'}"
                await asyncio.sleep(0.3)
        yield
    finally:
        if process.returncode is None:
            process.terminate()
        try:
            await asyncio.wait_for(process.wait(), timeout=15)
        except TimeoutError:
            process.kill()
            await process.wait()


async def _ready(client: httpx.AsyncClient) -> bool:
    with contextlib.suppress(httpx.HTTPError):
        return (await client.get(f"{URL}/-/ready")).status_code == 200
    return False


@pytest.fixture(scope="module")
async def stack(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Stack]:
    async with running_stack(tmp_path_factory.mktemp("stack")) as running:
        yield running


@pytest.fixture(scope="module")
async def prometheus(stack: Stack, tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[str]:
    async with running_prometheus(stack, tmp_path_factory.mktemp("prometheus")):
        # Scraped once before the flow: a counter's first sample is no increase, so rates need a baseline.
        await until('up{job=~"intake|routing|notify"} == 1', lambda r: len(r) == 3)
        await drive(stack)
        yield URL


def pothole() -> dict[str, Any]:
    unique = uuid.uuid4().hex[:8]
    return {
        "service_code": "pothole",
        "description": "Lubang besar di Jl. Menteng Raya dekat halte.",
        "lat": -6.1951,
        "long": 106.8345,
        "citizen": {"name": f"Sari {unique}", "email": f"sari.{unique}@example.id"},
    }


async def drive(stack: Stack) -> None:
    """Submit requests and wait until each is assigned."""
    async with httpx.AsyncClient(base_url=stack.urls["intake"], timeout=30) as client:
        ids = []
        for _ in range(REQUESTS):
            response = await client.post("/v1/requests", json=pothole())
            assert response.status_code == 201, response.text
            ids.append(response.json()["id"])
        async with asyncio.timeout(60):
            for request_id in ids:
                while (await client.get(f"/v1/requests/{request_id}")).json()["status"] == "received":
                    await asyncio.sleep(0.3)


async def query(expr: str) -> Result:
    async with httpx.AsyncClient(timeout=30) as client:
        response = await client.get(f"{URL}/api/v1/query", params={"query": expr})
    body = response.json()
    assert body["status"] == "success", f"{expr}: {body}"
    result: Result = body["data"]["result"]
    return result


async def until(expr: str, holds: Callable[[Result], bool], timeout: float = 45) -> Result:
    """Query until the answer satisfies `holds`; fail with the last answer after `timeout` seconds."""
    result: Result = []
    with contextlib.suppress(TimeoutError):
        async with asyncio.timeout(timeout):
            while not holds(result := await query(expr)):
                await asyncio.sleep(0.5)
    assert holds(result), f"{expr} never held; last answer: {result}"
    return result


def values(result: Result, label: str) -> dict[str, float]:
    return {r["metric"].get(label, ""): float(r["value"][1]) for r in result}


async def test_prometheus_scrapes_all_three_services(prometheus: str) -> None:
    up = await until('up{job=~"intake|routing|notify"}', lambda r: len(r) == 3)
    assert values(up, "job") == {"intake": 1, "routing": 1, "notify": 1}
    build = await until("dekat_build_info", lambda r: len(r) == 3)
    assert {r["metric"]["service"] for r in build} == {"intake", "routing", "notify"}


async def test_accepted_requests_are_counted_by_channel(prometheus: str) -> None:
    result = await until(
        "sum by (channel) (dekat_intake_requests_accepted_total)",
        lambda r: sum(values(r, "channel").values()) >= REQUESTS,
    )
    assert all(channel for channel in values(result, "channel"))


async def test_every_assignment_is_timed_from_submission(prometheus: str) -> None:
    await until(
        "sum(dekat_request_assignment_latency_seconds_count)",
        lambda r: bool(r) and float(r[0]["value"][1]) >= REQUESTS,
    )
    p95 = await until(  # NaN until a rule evaluation sees the histogram move
        ":dekat_request_assignment_latency_seconds:p95_5m",
        lambda r: bool(r) and not math.isnan(float(r[0]["value"][1])),
    )
    assert 0 < float(p95[0]["value"][1]) < 60


async def test_http_requests_are_counted_by_route_template(prometheus: str) -> None:
    shown = await until(
        'sum by (route) (dekat_http_requests_total{job="intake", method="GET", status="200"})',
        lambda r: values(r, "route").get("/v1/requests/{request_id}", 0) >= REQUESTS,
    )
    assert not [route for route in values(shown, "route") if "-" in route]  # no raw ids
    await until(
        'dekat_http_requests_total{job="intake", method="POST", route="/v1/requests", status="201"}',
        lambda r: bool(r) and float(r[0]["value"][1]) >= REQUESTS,
    )


async def test_every_outbox_is_watched_and_drains(prometheus: str) -> None:
    await until(
        "max by (job) (dekat_outbox_pending)",
        lambda r: values(r, "job") == {"intake": 0, "routing": 0, "notify": 0},
    )
    await until("max by (job) (dekat_outbox_oldest_age_seconds)", lambda r: len(r) == 3)
    await until(
        'sum(dekat_outbox_published_total{job="intake"})',
        lambda r: bool(r) and float(r[0]["value"][1]) >= 2 * REQUESTS,  # submission and contact
    )


async def test_consumer_lag_is_measured_per_partition_and_catches_up(prometheus: str, stack: Stack) -> None:
    topic = stack.namespace + "requests.submitted.v1"
    lag = await until(f'dekat_consumer_lag{{job="routing", topic="{topic}"}}', lambda r: len(r) == 6)
    assert {r["metric"]["partition"] for r in lag} == {str(p) for p in range(6)}
    assert all(r["metric"]["group"].startswith(stack.namespace) for r in lag)
    await until(f'sum(dekat_consumer_lag{{topic="{topic}"}})', lambda r: bool(r) and r[0]["value"][1] == "0")


async def test_the_published_figures_are_gauges_for_every_agency_routing_announced(prometheus: str) -> None:
    respondents = await until("dekat_intake_public_survey_respondents", lambda r: len(r) >= 16)
    assert {"pam-jaya", "dinas-bina-marga", "waste4change"} <= set(values(respondents, "agency"))
    assert set(values(respondents, "agency").values()) == {0.0}  # nobody has answered the survey yet


async def test_prometheus_evaluates_every_rule_without_error(prometheus: str) -> None:
    await asyncio.sleep(2)  # at least one evaluation after the flow (every second)
    async with httpx.AsyncClient(timeout=30) as client:
        groups = (await client.get(f"{URL}/api/v1/rules")).json()["data"]["groups"]
    rules = {rule["name"]: rule for group in groups for rule in group["rules"]}
    assert set(rules) == set(promql.rule_expressions())
    assert {name: r["health"] for name, r in rules.items() if r["health"] != "ok"} == {}


async def test_every_dashboard_query_is_promql_that_prometheus_accepts(prometheus: str) -> None:
    for where, expr in promql.dashboard_expressions().items():
        if expr.startswith("label_values("):
            expr = next(iter(promql.metric_names(expr)))
        async with httpx.AsyncClient(timeout=30) as client:
            body = (
                await client.get(f"{URL}/api/v1/query", params={"query": expr.replace("$agency", ".*")})
            ).json()
        assert body["status"] == "success", f"{where}: {body}"
