"""A request's page and its actions: each action goes through `actions.respond`, exactly as the
agency API and Kafka responses do, and names the staff member who took it."""

from __future__ import annotations

import uuid
from typing import Any

from dekat.accounts import store as accounts
from dekat.payloads import AgencyResponse
from dekat.service import Pool
from dekat.web import posted as forms
from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from routing import actions, agencies, snapshots, views
from routing.access import Ctx
from routing.console import casefile, lists, offers, rendering
from routing.console.access import Console, Shown, SignedIn, Staff
from routing.context import Context

router = APIRouter(prefix="/console", include_in_schema=False)
MAX_NOTE = 2000


def request_id_of(text: str) -> str | None:
    try:
        return str(uuid.UUID(text))
    except ValueError:
        return None


async def loaded(
    pool: Pool, ctx: Context, staff: Staff, request_id: str, language: str
) -> dict[str, Any] | None:
    """Everything the page shows, if this staff member may see the request; None otherwise."""
    async with pool.acquire() as conn:
        network = await snapshots.network(conn, ctx.snapshot)
        view = await views.agency_request(conn, staff.agency.code, request_id, now=ctx.clock.now())
        if view is None:
            holder = await lists.holder_of(conn, request_id)
            if holder is None or not staff.may_watch(holder):
                return None
            view = casefile.watching(await views.agency_request(conn, holder, request_id) or {})
        explained = await views.explanation(conn, request_id)
        names = await accounts.names(conn, {h["staff"] for h in view["history"] if h["staff"]})
    now = ctx.clock.now()
    return {
        "view": view,
        "steps": casefile.timeline(view["history"], network, names),
        "reasons": casefile.reasons(explained, language),
        "offered": casefile.offered(view, network, now),
        "targets": casefile.transfer_targets(view, network),
        "left": casefile.left(view, network, now),
        "holder": network.agencies[view["agency_code"]],
        "place": casefile.place(view, network),
        "mergeable": casefile.mergeable(view) and bool(view.get("possible_duplicates")),
    }


async def shown_page(
    request: Request,
    console: Console,
    staff: Staff,
    pool: Pool,
    ctx: Ctx,
    request_id: str,
    *,
    status: int = 200,
    problems: dict[str, str] | None = None,
    posted: forms.Posted | None = None,
) -> Response:
    found = await loaded(pool, ctx, staff, request_id, console.pages.language(request))
    if found is None:
        return rendering.not_found(request, console)
    return rendering.page(
        request,
        console,
        "request.html",
        staff=staff,
        status=status,
        problems=problems or {},
        posted=posted or forms.Posted(),
        done=request.query_params.get("done") if request.method == "GET" else None,
        with_note=offers.WITH_NOTE,
        **found,
    )


@router.get("/requests/{request_id}")
async def request_page(
    request_id: str, request: Request, staff: SignedIn, console: Shown, pool: Pool, ctx: Ctx
) -> Response:
    found = request_id_of(request_id)
    if found is None:
        return rendering.not_found(request, console)
    return await shown_page(request, console, staff, pool, ctx, found)


def problem_of(posted: forms.Posted) -> tuple[str, str] | None:
    """(field, word) for a form the state machine need not see, or None."""
    if posted.one("action") not in offers.ACTIONS:
        return "action", "unknown_action"
    if len(posted.one("note")) > MAX_NOTE:
        return "note", "note_too_long"
    target = posted.one("transfer_to")
    if target and not agencies.CODE.match(target):
        return "transfer_to", "unknown_agency"
    if posted.one("action") == "merge" and request_id_of(posted.one("merge_into")) is None:
        return "merge_into", "merge_into"
    return None


@router.post("/requests/{request_id}/act")
async def act(
    request_id: str, request: Request, staff: SignedIn, console: Shown, pool: Pool, ctx: Ctx
) -> Response:
    found, posted = request_id_of(request_id), await forms.read(request)
    if posted is None:
        return rendering.unreadable(request, console)
    if not posted.csrf_ok:
        return rendering.expired(request, console)
    if found is None:
        return rendering.not_found(request, console)
    action = posted.one("action")
    words = console.pages.words[console.pages.language(request)]["console"]["problems"]
    if refused := problem_of(posted):
        problems = {f"{action}-{refused[0]}": words[refused[1]]}
        return await shown_page(
            request, console, staff, pool, ctx, found, status=422, problems=problems, posted=posted
        )
    response = AgencyResponse.model_validate(
        {
            "request_id": found,
            "action": action,
            "note": posted.text("note"),
            "transfer_to": posted.text("transfer_to"),
            "merge_into": posted.text("merge_into"),
        }
    )
    async with pool.acquire() as conn, conn.transaction():
        outcome = await actions.respond(conn, ctx, staff.agency.code, response, None, staff=staff.username)
    if outcome.http_status == 404:
        return rendering.not_found(request, console)
    if outcome.status is None:
        word = words.get(f"{outcome.field}_{action}") or words.get(outcome.field) or words["action"]
        problems = {f"{action}-{outcome.field}": word}
        return await shown_page(
            request,
            console,
            staff,
            pool,
            ctx,
            found,
            status=outcome.http_status,
            problems=problems,
            posted=posted,
        )
    if action == "merge":
        return RedirectResponse(f"/console/requests/{posted.one('merge_into')}?done=merge", status_code=303)
    if action in offers.RELEASING:
        return RedirectResponse(f"/console/queue?done={action}", status_code=303)
    return RedirectResponse(f"/console/requests/{found}?done={action}", status_code=303)
