"""`/open-data`: the data dictionary and licence, and the exports themselves (streamed; at most a
few at a time per process, else 503 with `Retry-After`)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime
from typing import Any

from dekat import error_body, errors
from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response, StreamingResponse

from intake.figures.document import LICENCE
from intake.portal import Shown
from intake.public import columns, exports, open_data

router = APIRouter(prefix="/open-data", tags=["open data"])
MEDIA = {"csv": "text/csv; charset=utf-8", "json": "application/json"}
AT_ONCE = 2
"""Exports streaming at the same time in one process: each holds a database connection."""


def exporting(request: Request) -> asyncio.Semaphore:
    found: asyncio.Semaphore | None = getattr(request.app.state, "exports", None)
    if found is None:
        found = request.app.state.exports = asyncio.Semaphore(AT_ONCE)
    return found


def area_names(request: Request) -> dict[str, str]:
    return {code: a.name for code, a in request.app.state.areas.current.areas.items()}


async def streamed(request: Request, name: str, body: Callable[[Any], AsyncIterator[str]]) -> Response:
    """Open the export's own connection first (so an outage is a 503, not a broken download)."""
    gate = exporting(request)
    if gate.locked():
        raise HTTPException(
            503,
            detail=error_body.body(503, "other exports are running; try again shortly"),
            headers=errors.retry_after(),
        )
    conn = await exports.connect(request.app.state.settings.database_url)

    async def guarded() -> AsyncIterator[str]:
        async with gate:
            async for chunk in body(conn):
                yield chunk

    kind = name.rsplit(".", 1)[1]
    headers = {"Cache-Control": "public, max-age=300", "Content-Disposition": f'inline; filename="{name}"'}
    return StreamingResponse(guarded(), media_type=MEDIA[kind], headers=headers)


def about(names: tuple[tuple[str, str], ...]) -> dict[str, Any]:
    return {
        "licence": LICENCE,
        "source": "Dekat",
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "columns": [{"name": n, "type": t} for n, t in names],
    }


@router.get("/requests.csv")
async def requests_csv(request: Request) -> Response:
    """Every request, anonymised, one row each (see `/open-data` for the columns)."""
    names, now = area_names(request), datetime.now(UTC)
    header = tuple(n for n, _ in columns.REQUESTS)
    return await streamed(
        request,
        "requests.csv",
        lambda conn: open_data.as_csv(
            exports.requests(conn), lambda r: open_data.request_row(r, names, now), header
        ),
    )


@router.get("/requests.json")
async def requests_json(request: Request) -> Response:
    names, now = area_names(request), datetime.now(UTC)
    return await streamed(
        request,
        "requests.json",
        lambda conn: open_data.as_json(
            exports.requests(conn),
            lambda r: open_data.request_row(r, names, now),
            about(columns.REQUESTS),
            "requests",
        ),
    )


@router.get("/daily.csv")
async def daily_csv(request: Request) -> Response:
    """Requests by day, service and kecamatan."""
    names = area_names(request)
    header = tuple(n for n, _ in columns.DAILY)
    return await streamed(
        request,
        "daily.csv",
        lambda conn: open_data.as_csv(exports.daily(conn), lambda r: open_data.daily_row(r, names), header),
    )


@router.get("/daily.json")
async def daily_json(request: Request) -> Response:
    names = area_names(request)
    return await streamed(
        request,
        "daily.json",
        lambda conn: open_data.as_json(
            exports.daily(conn), lambda r: open_data.daily_row(r, names), about(columns.DAILY), "days"
        ),
    )


@router.get("", response_class=HTMLResponse, include_in_schema=False)
async def dictionary(request: Request, site: Shown) -> Response:
    """What every column means, and the licence."""
    response = site.render(
        request,
        "public/open_data.html",
        requests=columns.REQUESTS,
        daily=columns.DAILY,
        licence=LICENCE,
    )
    response.headers["Cache-Control"] = "public, max-age=300"
    del response.headers["set-cookie"]
    return response
