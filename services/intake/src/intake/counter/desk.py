"""The counter's own pages: sign in (the shared door at `/counter`), and the desk: who is signed in
where, whether the counter is open, and the requests this staff member took today."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from dekat.accounts.door import Door
from dekat.service import Pool
from fastapi import APIRouter, Request
from fastapi.responses import Response

from intake import counters
from intake.counter import taken
from intake.counter.access import HOME, Desk, Shown, SignedIn, at_counter

router = APIRouter(prefix="/counter", include_in_schema=False)


def now(request: Request) -> datetime:
    return datetime.now(UTC)


def door(desk: Desk) -> Door:
    return Door(
        "/counter", HOME, "counter/_layout.html", desk.pages, desk.cookie, desk.policy, now, at_counter
    )


@router.get("")
async def desk_page(request: Request, staff: SignedIn, desk: Shown, pool: Pool) -> Response:
    """Where a counter's staff member starts: the counter, and what they took in the last day."""
    moment = datetime.now(UTC)
    async with pool.acquire() as conn:
        recent = await taken.by(conn, staff.username, since=moment - timedelta(days=1))
    return desk.pages.render(
        request,
        "counter/desk.html",
        staff=staff,
        open_now=counters.is_open(staff.counter, moment),
        recent=recent,
        services=request.app.state.catalogue,
    )
