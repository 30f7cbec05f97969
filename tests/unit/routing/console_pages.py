"""Rendering the console's templates without a server: strict (an undefined name fails), in both
languages, with a request made up on the spot."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from dekat.accounts.sessions import Cookie
from dekat.accounts.store import Account
from dekat.accounts.throttle import Policy
from dekat.web import pages
from fastapi import FastAPI
from routing.console import rendering, timing
from routing.console.access import Console, Staff
from starlette.requests import Request

from tests.unit.routing.builders import network as network_of

NOW = datetime(2026, 12, 2, 2, 0, tzinfo=UTC)
SHOWN = pages.install(FastAPI(), "routing", strict=True)
CONSOLE = Console(SHOWN, Cookie("dekat_console"), Policy(), "http://127.0.0.1:8001")


def request(path: str = "/console/queue", language: str = "id") -> Request:
    scope = {
        "type": "http",
        "method": "GET",
        "path": path,
        "query_string": f"lang={language}".encode(),
        "headers": [],
        "scheme": "http",
        "server": ("testserver", 80),
    }
    return Request(scope)


def staff(role: str = "staff") -> Staff:
    network = network_of()
    agency = next(iter(network.agencies.values()))
    account = Account("dewi.sda", agency.code, "Dewi Lestari", role, NOW)  # type: ignore[arg-type]
    return Staff(account, agency, coordinator=False, supervised=frozenset({"x"}))


def rendered(name: str, language: str = "id", **context: Any) -> str:
    response = SHOWN.render(
        request(language=language),
        name if "/" in name else f"console/{name}",
        staff=staff("admin"),
        service_name=lambda code: f"<{code}>",
        spoken=lambda hours: timing.spoken(hours, language),
        spoken_calendar=lambda hours: timing.spoken_calendar(hours, language),
        public_figures=lambda code: rendering.figures_url("https://dekat.example.id/", code, language),
        **context,
    )
    return bytes(response.body).decode()
