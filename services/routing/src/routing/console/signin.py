"""Signing in to the console and out of it: the shared door (`dekat.accounts.door`) at `/console`."""

from __future__ import annotations

from datetime import datetime

from dekat.accounts.door import Door
from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from routing.access import context_of
from routing.console.access import HOME, Console, staff_or_none

router = APIRouter(prefix="/console", include_in_schema=False)


def now(request: Request) -> datetime:
    """Routing's clock: sessions, lockouts and deadlines keep one time (tests move it)."""
    return context_of(request).clock.now()


def door(console: Console) -> Door:
    return Door(
        "/console",
        HOME,
        "console/_layout.html",
        console.pages,
        console.cookie,
        console.policy,
        now,
        staff_or_none,
    )


@router.get("")
async def console_home() -> Response:
    return RedirectResponse(HOME, status_code=303)
