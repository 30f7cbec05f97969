"""Signing in to the console and out of it."""

from __future__ import annotations

import asyncio

from dekat.accounts import signin
from dekat.accounts.signin import Refused
from dekat.service import Pool
from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from routing.access import Ctx
from routing.console import forms, rendering
from routing.console.access import HOME, Shown, staff_or_none

router = APIRouter(prefix="/console", include_in_schema=False)


def back_to(next_path: str | None) -> str:
    """Where to go after signing in: a console page, never another site."""
    path = next_path or ""
    safe = path.startswith("/console/") and not path.startswith("//") and "\\" not in path
    return path if safe and not path.startswith("/console/sign-") else HOME


@router.get("")
async def console_home() -> Response:
    return RedirectResponse(HOME, status_code=303)


@router.get("/sign-in")
async def sign_in_page(request: Request, console: Shown, next: str | None = None) -> Response:
    if await staff_or_none(request) is not None:
        return RedirectResponse(back_to(next), status_code=303)
    signed_out = request.query_params.get("out") == "1"
    return rendering.page(
        request,
        console,
        "sign_in.html",
        staff=None,
        next=back_to(next),
        username="",
        refused=None,
        out=signed_out,
    )


@router.post("/sign-in")
async def sign_in(request: Request, console: Shown, pool: Pool, ctx: Ctx) -> Response:
    posted = await forms.read(request)
    if posted is None:
        return rendering.unreadable(request, console)
    if not posted.csrf_ok:
        return rendering.expired(request, console)
    username, password = posted.one("username").lower()[:64], posted.values.get("password", "")[:200]
    client = request.client.host if request.client else "unknown"
    outcome = await signin.sign_in(
        pool,
        username,
        password,
        client=client,
        now=ctx.clock.now(),
        policy=console.policy,
        cookie=console.cookie,
    )
    if isinstance(outcome, Refused):
        await asyncio.sleep(outcome.wait)
        status = 429 if outcome.until else 401
        return rendering.page(
            request,
            console,
            "sign_in.html",
            staff=None,
            status=status,
            next=back_to(posted.one("next")),
            username=username,
            refused=outcome,
            out=False,
        )
    response = RedirectResponse(back_to(posted.one("next")), status_code=303)
    console.cookie.give(request, response, outcome.token)
    return response


@router.post("/sign-out")
async def sign_out(request: Request, console: Shown, pool: Pool) -> Response:
    posted = await forms.read(request)
    if posted is None or not posted.csrf_ok:
        return rendering.expired(request, console)
    async with pool.acquire() as conn:
        await signin.sign_out(conn, console.cookie.token(request))
    response = RedirectResponse("/console/sign-in?out=1", status_code=303)
    console.cookie.take_back(response)
    return response
