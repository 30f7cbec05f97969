"""Who is signed in at a counter: the staff member, and the counter they work at."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated
from urllib.parse import quote

from dekat.accounts import signin
from dekat.accounts.sessions import Cookie
from dekat.accounts.store import Account
from dekat.accounts.throttle import Policy
from dekat.service import pool_of
from dekat.web.pages import Pages
from fastapi import Depends, Request
from fastapi.responses import RedirectResponse, Response

from intake.counters import Counter

COOKIE = "dekat_counter"
HOME = "/counter"


@dataclass(frozen=True)
class Desk:
    """What the counter pages share, built once by `main.create_app()`."""

    pages: Pages
    cookie: Cookie
    policy: Policy


@dataclass(frozen=True)
class AtCounter:
    account: Account
    counter: Counter

    @property
    def username(self) -> str:
        return self.account.username


class SignInFirst(Exception):
    def __init__(self, back_to: str) -> None:
        super().__init__(back_to)
        self.back_to = back_to


def desk_of(request: Request) -> Desk:
    found: Desk = request.app.state.desk
    return found


def counter_named(request: Request, counter_id: str) -> Counter | None:
    registered: list[Counter] = request.app.state.counters
    return next((c for c in registered if c.id == counter_id), None)


async def at_counter(request: Request) -> AtCounter | None:
    """The counter staff member whose session this browser holds, if any."""
    desk = desk_of(request)
    async with pool_of(request).acquire() as conn:
        account = await signin.current(conn, desk.cookie.token(request), datetime.now(UTC), desk.cookie)
    counter = counter_named(request, account.office) if account else None
    return AtCounter(account, counter) if account and counter else None


async def signed_in(request: Request) -> AtCounter:
    found = await at_counter(request)
    if found is None:
        raise SignInFirst(request.url.path)
    return found


async def sign_in_first(request: Request, error: Exception) -> Response:
    assert isinstance(error, SignInFirst)
    back = error.back_to if request.method == "GET" else HOME
    return RedirectResponse(f"/counter/sign-in?next={quote(back, safe='/')}", status_code=303)


SignedIn = Annotated[AtCounter, Depends(signed_in)]
Shown = Annotated[Desk, Depends(desk_of)]
