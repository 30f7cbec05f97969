"""A dependency that does not answer is a 503 with Retry-After in every service, never a 500."""

from __future__ import annotations

import importlib

import asyncpg
import httpx
import pytest
from aiokafka.errors import KafkaConnectionError
from dekat import errors, metrics, service
from dekat.settings import CommonSettings
from dekat.web import pages
from fastapi import FastAPI
from fastapi.responses import HTMLResponse


def app_raising(error: Exception) -> FastAPI:
    settings = CommonSettings(service="routing")
    measured = metrics.create("routing")
    runtime = service.Runtime(
        settings=settings, metrics=measured, broker=service.create_broker(settings, measured), migrations=[]
    )
    served = service.create_app(runtime, title="test")

    @served.post("/v1/things")
    async def store_a_thing() -> None:
        raise error

    @served.get("/v1/pool")
    async def needs_the_pool(pool: service.Pool) -> None:
        return None

    return served


async def answer(served: FastAPI, method: str = "POST", path: str = "/v1/things") -> httpx.Response:
    transport = httpx.ASGITransport(app=served, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        return await client.request(method, path)


@pytest.mark.parametrize(
    "error",
    [
        ConnectionRefusedError(111, "Connect call failed"),
        ConnectionResetError(),
        TimeoutError(),
        asyncpg.exceptions.ConnectionDoesNotExistError("connection was closed in the middle of operation"),
        asyncpg.exceptions.AdminShutdownError("terminating connection due to administrator command"),
        asyncpg.exceptions.CannotConnectNowError("the database system is starting up"),
        asyncpg.exceptions.TooManyConnectionsError("sorry, too many clients already"),
        asyncpg.InterfaceError("pool is closing"),
        KafkaConnectionError(),
    ],
    ids=lambda e: type(e).__name__,
)
async def test_a_dependency_outage_is_a_503_asking_to_retry_after_a_few_seconds(error: Exception) -> None:
    response = await answer(app_raising(error))

    assert response.status_code == 503
    assert response.headers["retry-after"] == "5"
    assert response.json()["error"] == "unavailable"


async def test_a_bug_is_still_a_500_not_disguised_as_an_outage() -> None:
    response = await answer(app_raising(RuntimeError("a bug")))

    assert response.status_code == 500


async def test_a_service_still_connecting_to_its_database_asks_to_retry_after() -> None:
    response = await answer(app_raising(RuntimeError()), "GET", "/v1/pool")

    assert response.status_code == 503
    assert response.headers["retry-after"] == "5"


@pytest.mark.parametrize("name", ["intake", "routing", "notify"])
def test_every_service_answers_an_outage_with_503(name: str) -> None:
    served = importlib.import_module(f"{name}.main").create_app()
    assert set(errors.OUTAGES) <= set(served.exception_handlers)


def pages_raising(error: Exception) -> FastAPI:
    served = app_raising(error)
    pages.install(served, "intake")

    @served.get("/track", response_class=HTMLResponse)
    async def a_page() -> HTMLResponse:
        raise error

    @served.post("/console/act")
    async def a_form() -> None:
        raise error

    return served


async def visit(served: FastAPI, method: str, path: str, accept: str = "text/html") -> httpx.Response:
    transport = httpx.ASGITransport(app=served, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        return await client.request(method, path, headers={"accept": accept})


async def test_a_visitor_of_a_page_is_told_in_words_and_an_api_caller_in_json() -> None:
    served = pages_raising(ConnectionResetError())

    page = await visit(served, "GET", "/track?lang=en", accept="*/*")
    form = await visit(served, "POST", "/console/act")
    api = await visit(served, "POST", "/v1/things")

    assert (page.status_code, page.headers["retry-after"]) == (503, "5")
    assert "Temporarily unavailable" in page.text
    assert page.headers["content-type"].startswith("text/html")
    assert (form.status_code, form.headers["retry-after"]) == (503, "5")
    assert "Sementara tidak tersedia" in form.text
    assert (api.status_code, api.json()["error"]) == (503, "unavailable")


async def test_an_address_that_does_not_exist_is_a_page_for_a_browser_and_json_for_the_api() -> None:
    served = pages_raising(ConnectionResetError())

    browser = await visit(served, "GET", "/no-such-page")
    client = await visit(served, "GET", "/no-such-page", accept="application/json")
    api = await visit(served, "GET", "/v1/no-such-thing")

    assert (browser.status_code, "Halaman tidak ditemukan" in browser.text) == (404, True)
    assert (client.status_code, client.json()["error"]) == (404, "not_found")
    assert (api.status_code, api.json()["error"]) == (404, "not_found")
