"""The console's pages: the shared look, the staff member's language, photos allowed from intake."""

from __future__ import annotations

from typing import Any

from dekat.web import pages
from fastapi import Request
from fastapi.responses import Response

from routing.console import timing
from routing.console.access import Console, Staff


def policy(photo_origin: str) -> str:
    """The shared Content-Security-Policy, with photos from intake (where their links redirect)."""
    shared = pages.HEADERS["Content-Security-Policy"]
    return shared.replace("img-src 'self'", f"img-src 'self' {photo_origin.rstrip('/')}", 1)


def figures_url(public_url: str, agency_code: str, language: str) -> str:
    """The agency's own page of the public information centre (intake), in the console's language."""
    path = f"/publik/instansi/{agency_code}" if language == "id" else f"/public/agencies/{agency_code}"
    return public_url.rstrip("/") + path


def page(
    request: Request,
    console: Console,
    name: str,
    *,
    staff: Staff | None,
    status: int = 200,
    **context: Any,
) -> Response:
    language = console.pages.language(request)
    names = request.app.state.catalogue.names
    response = console.pages.render(
        request,
        f"console/{name}",
        status=status,
        staff=staff,
        service_name=lambda code: names.get(code, {}).get(language) or code,
        spoken=lambda hours: timing.spoken(hours, language),
        spoken_calendar=lambda hours: timing.spoken_calendar(hours, language),
        public_figures=lambda code: figures_url(console.intake_url, code, language),
        **context,
    )
    response.headers["Content-Security-Policy"] = policy(console.intake_url)
    return response


def message(request: Request, console: Console, status: int, heading: str, text: str) -> Response:
    """A page that only says something: not found, an expired form, unreadable data."""
    return console.pages.message(request, status, heading, text)


def not_found(request: Request, console: Console) -> Response:
    return message(request, console, 404, "not_found", "not_found_text")


def expired(request: Request, console: Console) -> Response:
    return message(request, console, 403, "forbidden", "forbidden_text")


def unreadable(request: Request, console: Console) -> Response:
    return message(request, console, 400, "bad_request", "bad_request_text")
