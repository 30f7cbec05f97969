"""The citizen portal's front: what Dekat is, the catalogue, where to find a counter or a mobile unit."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from dekat.service import Pool
from dekat.web.pages import Pages
from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from intake import browse, directory, forms, store
from intake.api import Services
from intake.counters import Counter
from intake.requests import normal_tracking_code

router = APIRouter(tags=["citizen portal"], include_in_schema=False)


async def pages_of(request: Request) -> Pages:
    shown: Pages = request.app.state.pages
    return shown


Shown = Annotated[Pages, Depends(pages_of)]


def point(lat: str | None, long: str | None) -> directory.Point | None:
    """A position given in the query, if it is one."""
    try:
        found = (float(lat or ""), float(long or ""))
    except ValueError:
        return None
    return found if -90 <= found[0] <= 90 and -180 <= found[1] <= 180 else None


def home_page(
    request: Request, shown: Pages, services: Services, *, status: int = 200, code: str = ""
) -> Response:
    counters: list[Counter] = request.app.state.counters
    now = datetime.now(UTC)
    near = point(request.query_params.get("lat"), request.query_params.get("long"))
    language = shown.language(request)
    return shown.render(
        request,
        "portal/home.html",
        status=status,
        grouped=browse.by_group(services, language),
        counters=directory.counters_today(counters, now, near),
        visits=directory.upcoming(request.app.state.stops, now),
        code=code,
        track_error=bool(code),
    )


@router.get("/", response_class=HTMLResponse)
async def home(request: Request, shown: Shown, services: Services) -> Response:
    return home_page(request, shown, services)


@router.get("/services", response_class=HTMLResponse)
async def catalogue(request: Request, shown: Shown, services: Services, q: str = "") -> Response:
    language = shown.language(request)
    query = q.strip()[:100]
    return shown.render(
        request,
        "portal/services.html",
        query=query,
        found=browse.search(services, query, language),
        grouped=browse.by_group(services, language),
    )


@router.get("/services/{service_code}", response_class=HTMLResponse)
async def service_page(request: Request, service_code: str, shown: Shown, services: Services) -> Response:
    service = services.get(service_code)
    if service is None:
        return shown.message(request, 404, "not_found", "not_found_text")
    language = shown.language(request)
    return shown.render(
        request,
        "portal/service.html",
        service=service,
        questions=forms.questions(service, language),
        notices=forms.notices(service, language),
    )


@router.get("/track", response_class=HTMLResponse)
async def track_box(
    request: Request, shown: Shown, services: Services, pool: Pool, code: str = ""
) -> Response:
    """The home page's box: to the tracking page of a code we know, else back with the box's message."""
    normal = normal_tracking_code(code.strip()[:40])
    async with pool.acquire() as conn:
        if await store.request_by(conn, "tracking_code", normal) is not None:
            return RedirectResponse(f"/track/{normal}", status_code=303)
    return home_page(request, shown, services, status=404, code=code.strip()[:40] or " ")
