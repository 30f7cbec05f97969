"""routing's HTTP API: why a request went where it did, and the agency API (same actions as Kafka)."""

from __future__ import annotations

import uuid
from typing import Literal

from dekat.errors import invalid, problem
from dekat.payloads import AgencyResponse
from dekat.service import Pool
from fastapi import APIRouter, HTTPException, Query
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from routing import actions, views
from routing.access import CallingAgency, Ctx

router = APIRouter(prefix="/v1", tags=["routing"])
agency_router = APIRouter(prefix="/v1/agency", tags=["agency"])

NOT_FOUND = HTTPException(404, detail={"error": "not_found", "field": "request_id"})


@router.get("/requests/{request_id}/routing")
async def explanation(request_id: uuid.UUID, pool: Pool) -> JSONResponse:
    """The current decision, its reasons and rule version, and every decision before it."""
    async with pool.acquire() as conn:
        view = await views.explanation(conn, str(request_id))
    if view is None:
        raise NOT_FOUND
    return JSONResponse(jsonable_encoder(view))


@router.get("/agencies")
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

    action: Literal["acknowledge", "start", "request_info", "resolve", "reject", "transfer"]
    note: str | None = Field(None, max_length=2000)
    transfer_to: str | None = Field(None, max_length=100)


@agency_router.get("/requests")
async def my_requests(
    agency: CallingAgency,
    pool: Pool,
    status: str | None = Query(None, max_length=30),
    limit: int = Query(100, ge=1, le=500),
) -> JSONResponse:
    """The requests this agency holds now."""
    async with pool.acquire() as conn:
        found = await views.agency_requests(conn, agency, status, limit)
    return JSONResponse(jsonable_encoder(found))


@agency_router.get("/requests/{request_id}")
async def my_request(request_id: uuid.UUID, agency: CallingAgency, pool: Pool) -> JSONResponse:
    async with pool.acquire() as conn:
        found = await views.agency_request(conn, agency, str(request_id))
    if found is None:
        raise NOT_FOUND
    return JSONResponse(jsonable_encoder(found))


@agency_router.post("/requests/{request_id}/actions")
async def act(
    request_id: uuid.UUID, body: Action, agency: CallingAgency, pool: Pool, ctx: Ctx
) -> JSONResponse:
    """Acknowledge, start, request information, resolve, reject or transfer a request you hold."""
    response = AgencyResponse(request_id=str(request_id), **body.model_dump())
    async with pool.acquire() as conn, conn.transaction():
        outcome = await actions.respond(conn, ctx, agency, response, None)
    if outcome.http_status == 404:
        raise NOT_FOUND
    if outcome.status is None:
        return invalid([problem(outcome.field, outcome.problem)], outcome.http_status)
    return JSONResponse({"request_id": str(request_id), "status": outcome.status})
