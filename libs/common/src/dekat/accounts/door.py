"""A service's sign-in page and sign-out, the same everywhere: CSRF on both forms, failures slowed and
locked (`signin.sign_in`), a return only to the service's own pages."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from dekat.accounts import signin
from dekat.accounts.sessions import Cookie
from dekat.accounts.signin import Refused
from dekat.accounts.throttle import Policy
from dekat.service import pool_of
from dekat.web import posted
from dekat.web.pages import Pages


@dataclass(frozen=True)
class Door:
    prefix: str
    """Where the service's staff pages live (`/console`); sign-in is `<prefix>/sign-in`."""
    home: str
    """Where a staff member lands after signing in, unless they were on their way elsewhere."""
    layout: str
    """The template the sign-in page extends (it renders `staff` None)."""
    pages: Pages
    cookie: Cookie
    policy: Policy
    now: Callable[[Request], datetime]
    signed_in: Callable[[Request], Awaitable[object | None]]


def back_to(door: Door, next_path: str | None) -> str:
    """Where to go after signing in: one of the service's staff pages, never another site."""
    path = next_path or ""
    own = path.startswith(f"{door.prefix}/") and not path.startswith("//") and "\\" not in path
    return path if own and not path.startswith(f"{door.prefix}/sign-") else door.home


def page(request: Request, door: Door, *, status: int = 200, **context: Any) -> Response:
    return door.pages.render(
        request,
        "dekat/sign_in.html",
        status=status,
        layout=door.layout,
        action=f"{door.prefix}/sign-in",
        staff=None,
        **context,
    )


def router(door: Door) -> APIRouter:
    found = APIRouter(prefix=door.prefix, include_in_schema=False)

    @found.get("/sign-in")
    async def sign_in_page(request: Request, next: str | None = None) -> Response:
        if await door.signed_in(request) is not None:
            return RedirectResponse(back_to(door, next), status_code=303)
        out = request.query_params.get("out") == "1"
        return page(request, door, next=back_to(door, next), username="", refused=None, out=out)

    @found.post("/sign-in")
    async def sign_in(request: Request) -> Response:
        return await signing_in(request, door)

    @found.post("/sign-out")
    async def sign_out(request: Request) -> Response:
        form = await posted.read(request)
        if form is None or not form.csrf_ok:
            return door.pages.message(request, 403, "forbidden", "forbidden_text")
        async with pool_of(request).acquire() as conn:
            await signin.sign_out(conn, door.cookie.token(request))
        response = RedirectResponse(f"{door.prefix}/sign-in?out=1", status_code=303)
        door.cookie.take_back(response)
        return response

    return found


async def signing_in(request: Request, door: Door) -> Response:
    form = await posted.read(request)
    if form is None:
        return door.pages.message(request, 400, "bad_request", "bad_request_text")
    if not form.csrf_ok:
        return door.pages.message(request, 403, "forbidden", "forbidden_text")
    username, password = form.one("username").lower()[:64], form.values.get("password", "")[:200]
    client = request.client.host if request.client else "unknown"
    outcome = await signin.sign_in(
        pool_of(request),
        username,
        password,
        client=client,
        now=door.now(request),
        policy=door.policy,
        cookie=door.cookie,
    )
    if isinstance(outcome, Refused):
        await asyncio.sleep(outcome.wait)
        status = 429 if outcome.until else 401
        return page(
            request,
            door,
            status=status,
            next=back_to(door, form.one("next")),
            username=username,
            refused=outcome,
            out=False,
        )
    response = RedirectResponse(back_to(door, form.one("next")), status_code=303)
    door.cookie.give(request, response, outcome.token)
    return response
