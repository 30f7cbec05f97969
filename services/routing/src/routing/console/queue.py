"""The queue: the requests an agency leads, supports or oversees, urgent first then by deadline;
the escalations a supervisor must see; any agency's queue for the coordinator."""

from __future__ import annotations

from typing import Any

from dekat.service import Pool
from dekat.vocabulary import OPEN, STATUSES
from fastapi import APIRouter, Request
from fastapi.responses import Response

from routing import snapshots
from routing.access import Ctx
from routing.agencies import Network
from routing.console import lists, rendering, worklist
from routing.console.access import Console, Shown, SignedIn, Staff

router = APIRouter(prefix="/console", include_in_schema=False)
SHOWN = 200


def filters(request: Request, network: Network) -> dict[str, str | None]:
    """The queue's filters, each None unless it names something that exists."""
    asked = request.query_params
    catalogue = request.app.state.catalogue
    return {
        "status": asked.get("status") if asked.get("status") in STATUSES else None,
        "service": asked.get("service") if asked.get("service") in catalogue.services else None,
        "area": asked.get("area") if asked.get("area") in network.areas else None,
    }


def choices(request: Request, console: Console, network: Network, staff: Staff) -> dict[str, Any]:
    """What the filters offer: statuses, services and areas by name, and agencies for the coordinator."""
    catalogue = request.app.state.catalogue
    language = console.pages.language(request)
    areas = sorted(
        (a for a in network.areas.values() if a.level in ("city", "kecamatan", "kelurahan")),
        key=lambda a: (a.depth, a.name),
    )
    return {
        "statuses": STATUSES,
        "services": sorted(
            (
                (code, names.get(language) or names.get("id") or code)
                for code, names in catalogue.names.items()
            ),
            key=lambda pair: pair[1],
        ),
        "areas": [(a.code, f"{a.name} ({a.level})") for a in areas],
        "agencies": sorted(((a.code, a.name) for a in network.agencies.values()), key=lambda p: p[1])
        if staff.coordinator
        else [],
    }


@router.get("/queue")
async def queue(request: Request, staff: SignedIn, console: Shown, pool: Pool, ctx: Ctx) -> Response:
    """Open requests this agency (or, for the coordinator, the agency chosen) takes part in."""
    asked = request.query_params.get("agency") or staff.agency.code
    async with pool.acquire() as conn:
        network = await snapshots.network(conn, ctx.snapshot)
        if asked not in network.agencies or (asked != staff.agency.code and not staff.coordinator):
            return rendering.not_found(request, console)
        chosen = filters(request, network)
        statuses: list[str] = [chosen["status"]] if chosen["status"] else list(OPEN)
        rows = await lists.queue(conn, asked, statuses=statuses, service=chosen["service"])
    now = ctx.clock.now()
    items = [i for i in (worklist.item(r, network, now) for r in rows) if worklist.in_area(i, chosen["area"])]
    return rendering.page(
        request,
        console,
        "queue.html",
        staff=staff,
        items=items[:SHOWN],
        more=len(items) > SHOWN,
        chosen=chosen,
        viewing=network.agencies[asked],
        done=request.query_params.get("done"),
        **choices(request, console, network, staff),
    )


@router.get("/escalations")
async def escalations(request: Request, staff: SignedIn, console: Shown, pool: Pool, ctx: Ctx) -> Response:
    """A supervisor's list: open requests held below it that are past their deadline or escalated to it."""
    if not staff.supervised:
        return rendering.not_found(request, console)
    async with pool.acquire() as conn:
        network = await snapshots.network(conn, ctx.snapshot)
        chosen = filters(request, network)
        rows = await lists.held_by(conn, sorted(staff.supervised), service=chosen["service"])
    now, me = ctx.clock.now(), staff.agency.code
    found = [worklist.item(r, network, now) for r in rows]
    items = [
        i for i in found if worklist.in_area(i, chosen["area"]) and worklist.needs_a_look(i, me, network)
    ]
    return rendering.page(
        request,
        console,
        "escalations.html",
        staff=staff,
        items=items[:SHOWN],
        more=len(items) > SHOWN,
        reached={i.request_id for i in items if worklist.reached(i, me, network)},
        chosen=chosen,
        **choices(request, console, network, staff),
    )
