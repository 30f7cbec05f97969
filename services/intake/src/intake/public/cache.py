"""Answers built from the published snapshot: one `ETag` per snapshot and address, a minute in any
cache, `304 Not Modified` while it has not changed, and no cookie (a shared cache may keep them)."""

from __future__ import annotations

import hashlib
from typing import Annotated

from dekat import error_body, errors
from fastapi import Depends, HTTPException, Request, Response

from intake.figures.publishing import Published
from intake.figures.snapshots import Snapshot

MAX_AGE = 60


def published_of(request: Request) -> Published:
    found: Published = request.app.state.published
    return found


def snapshot_of(request: Request) -> Snapshot:
    """The snapshot this process serves; 503 (with `Retry-After`) until the first is computed."""
    current = published_of(request).current
    if current is None:
        detail = error_body.body(503, "the public figures are being computed")
        raise HTTPException(503, detail=detail, headers=errors.retry_after())
    return current


Current = Annotated[Snapshot, Depends(snapshot_of)]


def etag(snapshot: Snapshot, request: Request) -> str:
    address = f"{snapshot.etag}{request.url.path}?{request.url.query}"
    return '"' + hashlib.sha256(address.encode()).hexdigest()[:32] + '"'


def headers(tag: str) -> dict[str, str]:
    return {"ETag": tag, "Cache-Control": f"public, max-age={MAX_AGE}"}


def unchanged(request: Request, tag: str) -> Response | None:
    """`304` when the client already holds this version."""
    held = request.headers.get("if-none-match")
    if held is not None and tag in {t.strip() for t in held.split(",")}:
        return Response(status_code=304, headers=headers(tag))
    return None
