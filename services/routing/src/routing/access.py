"""Who is calling: an agency (by its API key) or the admin. Keys travel in `X-API-Key`.

The OpenAPI document declares them as the `AgencyKey` and `AdminKey` schemes.
"""

from __future__ import annotations

from typing import Annotated

from dekat.errors import refused
from dekat.service import pool_of
from fastapi import Depends, Request, Security
from fastapi.security import APIKeyHeader

from routing import keys, network_store
from routing.context import Context

HEADER = "X-API-Key"
AgencyKey = Annotated[
    str | None,
    Security(
        APIKeyHeader(
            name=HEADER,
            scheme_name="AgencyKey",
            description="Your agency's API key (the admin API issues them)",
            auto_error=False,
        )
    ),
]
AdminKey = Annotated[
    str | None,
    Security(
        APIKeyHeader(
            name=HEADER,
            scheme_name="AdminKey",
            description="The admin API key (setting `DEKAT_ADMIN_API_KEY`)",
            auto_error=False,
        )
    ),
]


def context_of(request: Request) -> Context:
    ctx: Context = request.app.state.context
    return ctx


async def context_in(request: Request) -> Context:
    """`context_of` as a dependency: `async`, so not through FastAPI's thread pool."""
    return context_of(request)


async def calling_agency(request: Request, x_api_key: AgencyKey = None) -> str:
    """The code of the agency whose key this is; 401 otherwise."""
    if not x_api_key:
        raise refused(401, "an agency API key is required in X-API-Key", field=HEADER)
    async with pool_of(request).acquire() as conn:
        agency = await network_store.agency_of_key(conn, keys.digest(x_api_key))
    if agency is None:
        raise refused(401, "this API key is not an agency's key", field=HEADER)
    return agency


async def admin(request: Request, x_api_key: AdminKey = None) -> None:
    """Only the admin key passes; an agency's key is refused."""
    if not x_api_key:
        raise refused(401, "the admin API key is required in X-API-Key", field=HEADER)
    if not keys.same(x_api_key, request.app.state.admin_api_key):
        raise refused(403, "this endpoint needs the admin API key", field=HEADER)


CallingAgency = Annotated[str, Depends(calling_agency)]
Ctx = Annotated[Context, Depends(context_in)]
Admin = Depends(admin)
