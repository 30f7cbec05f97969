"""A staff member's own password: the one their administrator gave them is changed here. A new
password ends every session of the account; this browser gets a fresh one."""

from __future__ import annotations

from dekat.accounts import passwords, signin, throttle
from dekat.accounts import store as accounts
from dekat.service import Pool
from dekat.web import posted as forms
from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from routing.access import Ctx
from routing.console import rendering
from routing.console.access import Console, Shown, SignedIn, Staff

router = APIRouter(prefix="/console/password", include_in_schema=False)


def account_page(
    request: Request,
    console: Console,
    staff: Staff,
    *,
    status: int = 200,
    problems: dict[str, str] | None = None,
) -> Response:
    done = request.query_params.get("done") == "1" and request.method == "GET"
    return rendering.page(
        request, console, "password.html", staff=staff, status=status, problems=problems or {}, done=done
    )


@router.get("")
async def password_page(request: Request, staff: SignedIn, console: Shown) -> Response:
    return account_page(request, console, staff)


@router.post("")
async def change_password(
    request: Request, staff: SignedIn, console: Shown, pool: Pool, ctx: Ctx
) -> Response:
    form = await forms.read(request)
    if form is None:
        return rendering.unreadable(request, console)
    if not form.csrf_ok:
        return rendering.expired(request, console)
    words = console.pages.words[console.pages.language(request)]["console"]["account_problems"]
    current, new = form.values.get("current", ""), form.values.get("new", "")
    async with pool.acquire() as conn:
        stored = await accounts.password_hash(conn, staff.username)
    if not await passwords.matches(stored, current):
        return account_page(request, console, staff, status=422, problems={"current": words["wrong_current"]})
    if code := passwords.problem(new, staff.username):
        return account_page(request, console, staff, status=422, problems={"new": words[code]})
    now = ctx.clock.now()
    async with pool.acquire() as conn:
        await accounts.set_password(conn, staff.username, await passwords.hashed(new), now)
    fresh = await signin.open_session(
        pool, staff.username, throttle.keys(staff.username, "-")[0], now, console.cookie
    )
    response = RedirectResponse("/console/password?done=1", status_code=303)
    if isinstance(fresh, signin.SignedIn):
        console.cookie.give(request, response, fresh.token)
    return response
