"""The citizen web: the page a message's link opens, found by the tracking code alone."""

from __future__ import annotations

from typing import Literal

from dekat.service import Pool
from fastapi import APIRouter, HTTPException
from fastapi.responses import HTMLResponse

from intake import pages, store, views
from intake.requests import normal_tracking_code

router = APIRouter(tags=["citizen web"])


@router.get("/track/{tracking_code}", response_class=HTMLResponse)
async def tracking_page(tracking_code: str, pool: Pool, lang: Literal["id", "en"] = "id") -> HTMLResponse:
    """Where is my request? Status, agency, deadline, history; rate, contest or answer from here."""
    async with pool.acquire() as conn:
        row = await store.request_by(conn, "tracking_code", normal_tracking_code(tracking_code))
        if row is None:
            raise HTTPException(404, detail={"error": "not_found", "field": "tracking_code"})
        timeline = await store.timeline(conn, row["id"])
    return HTMLResponse(pages.tracking_page(views.owner(row, timeline), lang))
