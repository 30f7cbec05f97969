"""routing's HTTP API: who holds a request and why, and which agencies exist."""

from __future__ import annotations

import uuid

from dekat.service import Pool
from fastapi import APIRouter, HTTPException
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse

from routing import store

router = APIRouter(prefix="/v1", tags=["routing"])


@router.get("/requests/{request_id}/routing")
async def explanation(request_id: uuid.UUID, pool: Pool) -> JSONResponse:
    async with pool.acquire() as conn:
        view = await store.assignment(conn, str(request_id))
    if view is None:
        raise HTTPException(404, detail={"error": "not_found", "field": "request_id"})
    return JSONResponse(jsonable_encoder(view))


@router.get("/agencies")
async def agencies(pool: Pool) -> JSONResponse:
    async with pool.acquire() as conn:
        found = await store.all_agencies(conn)
    return JSONResponse(jsonable_encoder(found))
