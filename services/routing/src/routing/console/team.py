"""An agency's administrators manage its staff: create accounts, disable and enable them, set a new
password. Every change ends the sessions it should; nobody can lock out their own account."""

from __future__ import annotations

from dekat.accounts import passwords, rules
from dekat.accounts import store as accounts
from dekat.accounts.store import Account
from dekat.service import Pool
from dekat.web import posted as forms
from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from routing.access import Ctx
from routing.console import rendering
from routing.console.access import Console, Shown, SignedIn, Staff

router = APIRouter(prefix="/console/staff", include_in_schema=False)
CHANGES = ("disable", "enable", "password")


async def team_page(
    request: Request,
    console: Console,
    staff: Staff,
    pool: Pool,
    *,
    status: int = 200,
    problems: dict[str, str] | None = None,
    posted: forms.Posted | None = None,
) -> Response:
    async with pool.acquire() as conn:
        team = await accounts.of_office(conn, staff.agency.code)
    return rendering.page(
        request,
        console,
        "team.html",
        staff=staff,
        status=status,
        team=team,
        problems=problems or {},
        posted=posted or forms.Posted(),
        done=request.query_params.get("done") if request.method == "GET" else None,
    )


def worded(console: Console, request: Request, found: list[tuple[str, str]], prefix: str) -> dict[str, str]:
    words = console.pages.words[console.pages.language(request)]["console"]["account_problems"]
    return {f"{prefix}{field}": words[code] for field, code in found}


@router.get("")
async def team(request: Request, staff: SignedIn, console: Shown, pool: Pool) -> Response:
    if not staff.admin:
        return rendering.not_found(request, console)
    return await team_page(request, console, staff, pool)


@router.post("")
async def add(request: Request, staff: SignedIn, console: Shown, pool: Pool, ctx: Ctx) -> Response:
    posted = await forms.read(request)
    if posted is None:
        return rendering.unreadable(request, console)
    if not posted.csrf_ok:
        return rendering.expired(request, console)
    if not staff.admin:
        return rendering.not_found(request, console)
    username, name, role = posted.one("username").lower(), posted.one("name"), posted.one("role") or "staff"
    password = posted.values.get("password", "")
    if found := rules.new_account(username, name, role, password):
        problems = worded(console, request, found, "new-")
        return await team_page(request, console, staff, pool, status=422, problems=problems, posted=posted)
    now = ctx.clock.now()
    account = Account(username, staff.agency.code, name, role, now, created_by=staff.username)  # type: ignore[arg-type]
    async with pool.acquire() as conn:
        created = await accounts.create(conn, account, await passwords.hashed(password), now)
    if not created:
        problems = worded(console, request, [("username", "username_taken")], "new-")
        return await team_page(request, console, staff, pool, status=409, problems=problems, posted=posted)
    return RedirectResponse(f"/console/staff?done=added#{username}", status_code=303)


@router.post("/{username}")
async def change(
    username: str, request: Request, staff: SignedIn, console: Shown, pool: Pool, ctx: Ctx
) -> Response:
    """`change`: disable, enable, or password (with the new `password`)."""
    posted = await forms.read(request)
    if posted is None:
        return rendering.unreadable(request, console)
    if not posted.csrf_ok:
        return rendering.expired(request, console)
    async with pool.acquire() as conn:
        member = await accounts.find(conn, username)
    what = posted.one("change")
    if not staff.admin or member is None or member.office != staff.agency.code or what not in CHANGES:
        return rendering.not_found(request, console)
    if what == "disable" and member.username == staff.username:
        problems = worded(console, request, [("change", "not_yourself")], f"{username}-")
        return await team_page(request, console, staff, pool, status=409, problems=problems)
    now = ctx.clock.now()
    if what == "password":
        password = posted.values.get("password", "")
        if code := passwords.problem(password, username):
            problems = worded(console, request, [("password", code)], f"{username}-")
            return await team_page(request, console, staff, pool, status=422, problems=problems)
        async with pool.acquire() as conn:
            await accounts.set_password(conn, username, await passwords.hashed(password), now)
    else:
        async with pool.acquire() as conn:
            await accounts.set_disabled(conn, username, what == "disable", now)
    return RedirectResponse(f"/console/staff?done={what}#{username}", status_code=303)
