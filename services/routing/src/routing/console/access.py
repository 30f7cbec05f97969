"""Who is signed in to the console, and what their agency lets them see."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated
from urllib.parse import quote

from dekat.accounts import signin
from dekat.accounts.sessions import Cookie
from dekat.accounts.store import Account
from dekat.accounts.throttle import Policy
from dekat.errors import refused
from dekat.service import pool_of
from dekat.web.pages import Pages
from fastapi import Depends, Request
from fastapi.responses import RedirectResponse, Response

from routing import access, deadlines, snapshots
from routing.agencies import Agency, Network

COOKIE = "dekat_console"
HOME = "/console/queue"


@dataclass(frozen=True)
class Console:
    """What the console's pages share, built once by `main.create_app()`."""

    pages: Pages
    cookie: Cookie
    policy: Policy
    intake_url: str
    """intake's public address: where photos are finally served (the pages' Content-Security-Policy
    allows it) and where the agency's public figures are."""


@dataclass(frozen=True)
class Staff:
    account: Account
    agency: Agency
    coordinator: bool
    supervised: frozenset[str]
    """Agencies whose escalation ladder climbs through this one (all of them, for the coordinator)."""

    @property
    def username(self) -> str:
        return self.account.username

    @property
    def admin(self) -> bool:
        return self.account.role == "admin"

    def may_watch(self, holder: str) -> bool:
        """A supervisor (or the coordinator) may read a request held below it."""
        return self.coordinator or holder in self.supervised


class SignInFirst(Exception):
    """The visitor has no live session: they are sent to sign in, and come back afterwards."""

    def __init__(self, back_to: str) -> None:
        super().__init__(back_to)
        self.back_to = back_to


def console_of(request: Request) -> Console:
    found: Console = request.app.state.console
    return found


def supervised_by(code: str, network: Network) -> frozenset[str]:
    return frozenset(
        a.code
        for a in network.agencies.values()
        if a.code != code and code in [up.code for up in deadlines.ladder(a, network)[1:]]
    )


def staff_of(account: Account, network: Network) -> Staff:
    agency = network.agencies[account.office]
    coordinator = agency.code == network.coordinator
    return Staff(account, agency, coordinator, supervised_by(agency.code, network))


async def staff_or_none(request: Request) -> Staff | None:
    console, ctx = console_of(request), access.context_of(request)
    async with pool_of(request).acquire() as conn:
        account = await signin.current(conn, console.cookie.token(request), ctx.clock.now(), console.cookie)
        network = await snapshots.network(conn, ctx.snapshot)
    if account is None or account.office not in network.agencies:
        return None
    return staff_of(account, network)


async def signed_in(request: Request) -> Staff:
    """The signed-in staff member; anyone else is sent to the sign-in page."""
    found = await staff_or_none(request)
    if found is None:
        query = f"?{request.url.query}" if request.url.query else ""
        raise SignInFirst(request.url.path + query)
    return found


async def sign_in_first(request: Request, error: Exception) -> Response:
    assert isinstance(error, SignInFirst)
    back = error.back_to if request.method == "GET" else HOME
    return RedirectResponse(f"/console/sign-in?next={quote(back, safe='/')}", status_code=303)


async def agency_or_staff(request: Request, x_api_key: access.AgencyKey = None) -> str:
    """The agency calling with its API key, or the agency of the signed-in staff member; 401 otherwise."""
    if x_api_key:
        return await access.calling_agency(request, x_api_key)
    found = await staff_or_none(request)
    if found is None:
        message = "an agency API key in X-API-Key, or a staff member signed in to the console"
        raise refused(401, message, field=access.HEADER)
    return found.agency.code


SignedIn = Annotated[Staff, Depends(signed_in)]
Shown = Annotated[Console, Depends(console_of)]
AgencyOrStaff = Annotated[str, Depends(agency_or_staff)]
