"""Where Dekat serves, for the portal's place chooser: every kecamatan with its kelurahan."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Header, Request, Response
from fastapi.responses import JSONResponse

from intake.area_index import AreaIndex

router = APIRouter(prefix="/v1", tags=["areas"])

MAX_AGE = 300
"""The network changes rarely; a browser or proxy may keep the list five minutes."""


async def index_of(request: Request) -> AreaIndex:
    index: AreaIndex = request.app.state.areas
    return index


@router.get("/areas", responses={304: {}})
async def areas(
    index: Annotated[AreaIndex, Depends(index_of)],
    if_none_match: Annotated[str | None, Header()] = None,
) -> Response:
    """Every kecamatan (code, name) with its kelurahan, and the names of the areas Dekat serves.

    Cacheable: `ETag` changes with the network; `If-None-Match` answers 304 while it has not.
    Empty (and briefly cached) until intake has received the network from routing.
    """
    max_age = MAX_AGE if index.current.known else 10
    headers = {"ETag": index.etag, "Cache-Control": f"public, max-age={max_age}"}
    if if_none_match is not None and index.etag in {t.strip() for t in if_none_match.split(",")}:
        return Response(status_code=304, headers=headers)
    return JSONResponse(index.chooser, headers=headers)
