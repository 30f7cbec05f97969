"""HTTP requests are counted by route template, never by raw path (ids would explode cardinality)."""

from __future__ import annotations

import httpx
from dekat import metrics, service
from dekat.settings import CommonSettings
from fastapi import FastAPI


def app() -> tuple[FastAPI, metrics.Metrics]:
    settings = CommonSettings(service="intake")
    measured = metrics.create("intake")
    runtime = service.Runtime(
        settings=settings,
        metrics=measured,
        broker=service.create_broker(settings, measured),
        migrations=[],
    )
    served = service.create_app(runtime, title="test")

    @served.get("/v1/requests/{request_id}")
    async def show(request_id: str) -> dict[str, str]:
        return {"id": request_id}

    @served.get("/v1/broken")
    async def broken() -> dict[str, str]:
        raise RuntimeError("a bug")

    return served, measured


def count(measured: metrics.Metrics, **labels: str) -> float | None:
    return measured.registry.get_sample_value("dekat_http_requests_total", labels)


async def get(served: FastAPI, *paths: str) -> None:
    transport = httpx.ASGITransport(app=served, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        for path in paths:
            await client.get(path)


async def test_requests_for_different_ids_count_under_one_route_template() -> None:
    served, measured = app()
    await get(served, "/v1/requests/a1", "/v1/requests/b2", "/no/such/page")

    assert count(measured, method="GET", route="/v1/requests/{request_id}", status="200") == 2
    assert count(measured, method="GET", route="unmatched", status="404") == 1
    assert count(measured, method="GET", route="/v1/requests/a1", status="200") is None


async def test_a_request_that_crashes_is_counted_as_a_500() -> None:
    served, measured = app()
    await get(served, "/v1/broken")

    assert count(measured, method="GET", route="/v1/broken", status="500") == 1
