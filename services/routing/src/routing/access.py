"""Who is calling: an agency (by its API key) or the admin. Keys travel in `X-API-Key`."""

from __future__ import annotations

from typing import Annotated

from dekat.service import pool_of
from fastapi import Depends, Header, HTTPException, Request

from routing import keys, network_store
from routing.context import Context


def context_of(request: Request) -> Context:
    ctx: Context = request.app.state.context
    return ctx


async def context_in(request: Request) -> Context:
    """`context_of` as a dependency: `async`, so not through FastAPI's thread pool."""
    return context_of(request)


async def calling_agency(request: Request, x_api_key: Annotated[str | None, Header()] = None) -> str:
    """The code of the agency whose key this is; 401 otherwise."""
    if not x_api_key:
        raise HTTPException(401, detail=denied("an agency API key is required in X-API-Key"))
    async with pool_of(request).acquire() as conn:
        agency = await network_store.agency_of_key(conn, keys.digest(x_api_key))
    if agency is None:
        raise HTTPException(401, detail=denied("this API key is not an agency's key"))
    return agency


async def admin(request: Request, x_api_key: Annotated[str | None, Header()] = None) -> None:
    """Only the admin key passes; an agency's key is refused."""
    if not x_api_key:
        raise HTTPException(401, detail=denied("the admin API key is required in X-API-Key"))
    if not keys.same(x_api_key, request.app.state.admin_api_key):
        raise HTTPException(403, detail=denied("this endpoint needs the admin API key"))


def denied(message: str) -> dict[str, str]:
    return {"error": "forbidden", "field": "X-API-Key", "message": message}


CallingAgency = Annotated[str, Depends(calling_agency)]
Ctx = Annotated[Context, Depends(context_in)]
Admin = Depends(admin)
