"""The citizen web: the page a message's link opens, found by the tracking code alone."""

from __future__ import annotations

from typing import Literal

from dekat.service import Pool
from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import HTMLResponse

from intake import pages, views
from intake.requests import normal_tracking_code

router = APIRouter(tags=["citizen web"])


@router.get("/track/{tracking_code}", response_class=HTMLResponse)
async def tracking_page(
    tracking_code: str,
    pool: Pool,
    lang: Literal["id", "en"] = "id",
    k: str | None = Query(None, max_length=64),
) -> HTMLResponse:
    """Where is my request? Status, agency, deadline, history; rate, contest or answer from here
    (with the reporter's key from the link in their messages)."""
    async with pool.acquire() as conn:
        view = await views.owner_of(conn, normal_tracking_code(tracking_code), lang, k)
    if view is None:
        raise HTTPException(404, detail={"error": "not_found", "field": "tracking_code"})
    return HTMLResponse(pages.tracking_page(view, lang, k))
