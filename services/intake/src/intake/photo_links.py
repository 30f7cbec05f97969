"""Opening a stored photo: by a short-lived signed link (the agencies routing lets in), or publicly for a
public request (Open311's `media_url`). Anything else is refused: 403 for a bad or expired signature.

Routing signs the path `/photos/{photo_id}` with `dekat.signing` and the secret both services hold
(`DEKAT_LINK_SECRET`), and redirects a signed-in agency to `.../photos/{photo_id}?exp=...&sig=...`.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from dekat import signing
from dekat.errors import refusal
from dekat.openapi import errors as documented
from dekat.service import Pool
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from intake import portal_store

router = APIRouter(tags=["photos"])
PHOTO_HEADERS = {"X-Content-Type-Options": "nosniff", "Content-Security-Policy": "default-src 'none'"}


def subject(photo_id: str) -> str:
    """What routing signs for a photo: its path on intake."""
    return f"/photos/{photo_id}"


def refused(status: int, field: str, message: str) -> JSONResponse:
    return refusal(status, message, field=field)


def photo_id_of(text: str) -> str | None:
    try:
        return str(uuid.UUID(text))
    except ValueError:
        return None


async def served(pool: Pool, photo_id: str, *, public_only: bool, cache: str) -> Response:
    async with pool.acquire() as conn:
        found = await portal_store.photo(conn, photo_id, public_only=public_only)
    if found is None:
        return refused(404, "photo_id", "no such photo")
    headers = {**PHOTO_HEADERS, "Cache-Control": cache}
    return Response(bytes(found["data"]), media_type=found["content_type"], headers=headers)


@router.get("/photos/{photo_id}", responses=documented(403, 404))
async def signed_photo(photo_id: str, request: Request, pool: Pool, exp: str = "", sig: str = "") -> Response:
    """A photo, for whoever holds a link routing signed for it that has not expired yet."""
    settings = request.app.state.settings
    found = photo_id_of(photo_id)
    expires = int(exp) if exp.isdigit() and len(exp) < 12 else 0
    now = datetime.now(UTC)
    if found is None or not signing.valid(
        settings.link_secret.get_secret_value(), subject(photo_id), expires=expires, sig=sig, now=now
    ):
        return refused(
            403, "sig", "this link is not valid, or has expired: open the photo from the request again"
        )
    return await served(pool, found, public_only=False, cache="private, max-age=300")


@router.get("/media/{photo_id}", responses=documented(404))
async def public_photo(photo_id: str, pool: Pool) -> Response:
    """A public request's photo (its Open311 `media_url`); a confidential or anonymous one's is not found."""
    found = photo_id_of(photo_id)
    if found is None:
        return refused(404, "photo_id", "no such photo")
    return await served(pool, found, public_only=True, cache="public, max-age=86400")
