"""routing's HTTP API: why a request went where it did, and the agency API (same actions as Kafka)."""

from __future__ import annotations

import uuid

from dekat.errors import invalid, problem, refused
from dekat.openapi import errors
from dekat.payloads import AgencyResponse
from dekat.service import Pool
from dekat.vocabulary import AgencyAction, Status
from fastapi import APIRouter, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse, RedirectResponse
from pydantic import BaseModel, ConfigDict, Field

from routing import actions, photos, views
from routing import view_models as shown
from routing.access import CallingAgency, Ctx
from routing.console.access import AgencyOrStaff

router = APIRouter(prefix="/v1", tags=["routing"])
agency_router = APIRouter(prefix="/v1/agency", tags=["agency"])

NOT_FOUND = refused(404, "no such request", field="request_id")
AGENCY_ERRORS = errors(401, 404)


@router.get("/requests/{request_id}/routing", response_model=shown.Explanation, responses=errors(404))
async def explanation(request_id: uuid.UUID, pool: Pool) -> JSONResponse:
    """The current decision, its reasons and rule version, and every decision before it."""
    async with pool.acquire() as conn:
        view = await views.explanation(conn, str(request_id))
    if view is None:
        raise NOT_FOUND
    return JSONResponse(jsonable_encoder(view))


@router.get("/agencies", response_model=shown.AgencyPage)
async def agencies(
    pool: Pool, limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0, le=1_000_000)
) -> JSONResponse:
    """One page of the agencies (in code order) with their load, and how many there are in all."""
    async with pool.acquire() as conn:
        found = await views.agencies_with_load(conn, limit, offset)
        total = await views.agency_count(conn)
    return JSONResponse(
        jsonable_encoder({"total": total, "limit": limit, "offset": offset, "agencies": found})
    )


class Action(BaseModel):
    model_config = ConfigDict(extra="forbid")

    action: AgencyAction
    note: str | None = Field(None, max_length=2000)
    transfer_to: str | None = Field(None, max_length=100)
    merge_into: uuid.UUID | None = None


@agency_router.get("/requests", response_model=list[shown.QueueEntry], responses=errors(401))
async def my_requests(
    agency: CallingAgency,
    pool: Pool,
    status: Status | None = None,
    service: str | None = Query(None, max_length=64),
    limit: int = Query(100, ge=1, le=500),
) -> JSONResponse:
    """The requests this agency leads, supports or oversees now, with its part in each."""
    async with pool.acquire() as conn:
        found = await views.agency_requests(conn, agency, status=status, service=service, limit=limit)
    return JSONResponse(jsonable_encoder(found))


@agency_router.get("/requests/{request_id}", response_model=shown.AgencyRequest, responses=AGENCY_ERRORS)
async def my_request(
    request_id: uuid.UUID, agency: CallingAgency, pool: Pool, request: Request, ctx: Ctx
) -> JSONResponse:
    """The request, its history (what everyone did and said), likely duplicates, links to its photos."""
    async with pool.acquire() as conn:
        found = await views.agency_request(conn, agency, str(request_id), now=ctx.clock.now())
    if found is None:
        raise NOT_FOUND
    return JSONResponse(jsonable_encoder(photos.linked(found, request.app.state.links)))


@agency_router.get("/requests/{request_id}/photos/{photo_id}", status_code=303, responses=AGENCY_ERRORS)
async def photo(
    request_id: uuid.UUID, photo_id: str, agency: AgencyOrStaff, pool: Pool, request: Request, ctx: Ctx
) -> RedirectResponse:
    """A photo of a request this agency works on: a short-lived link to where intake keeps it.

    Its key opens it, and so does the session of its staff signed in to the console."""
    async with pool.acquire() as conn:
        found = await views.agency_request(conn, agency, str(request_id))
    target = photos.signed_url(found, photo_id, request.app.state.links, ctx.clock.now()) if found else None
    if target is None:
        raise refused(404, "no such photo of this request", field="photo_id")
    return RedirectResponse(target, status_code=303)


@agency_router.post(
    "/requests/{request_id}/actions", response_model=shown.ActionTaken, responses=errors(401, 404, 409, 422)
)
async def act(
    request_id: uuid.UUID, body: Action, agency: CallingAgency, pool: Pool, ctx: Ctx
) -> JSONResponse:
    """Act on a request you have a part in (`update` is the only action of a supporting agency)."""
    response = AgencyResponse(request_id=str(request_id), **body.model_dump(mode="json"))
    async with pool.acquire() as conn, conn.transaction():
        outcome = await actions.respond(conn, ctx, agency, response, None)
    if outcome.http_status == 404:
        raise NOT_FOUND
    if outcome.status is None:
        return invalid([problem(outcome.field, outcome.problem)], outcome.http_status)
    return JSONResponse({"request_id": str(request_id), "status": outcome.status})
