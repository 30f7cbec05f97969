"""Forms that only our own pages can post: a double-submit token (cookie and hidden field must match).

The cookie is HttpOnly and SameSite=Lax, so another site can neither read it nor send it with a
cross-site POST; the page we render puts the same value in the form's `csrf` field.
"""

from __future__ import annotations

import re
import secrets

from fastapi import Request, Response

COOKIE = "dekat_csrf"
FIELD = "csrf"
SHAPE = re.compile(r"^[A-Za-z0-9_-]{43}$")


def token(request: Request) -> str:
    """The visitor's token: the one their cookie holds, or a new one (kept by `keep`)."""
    held = request.cookies.get(COOKIE, "")
    return held if SHAPE.match(held) else getattr(request.state, "csrf_new", None) or mint(request)


def mint(request: Request) -> str:
    fresh = secrets.token_urlsafe(32)
    request.state.csrf_new = fresh
    return fresh


def keep(request: Request, response: Response) -> None:
    """Set the cookie when this request minted a token."""
    fresh = getattr(request.state, "csrf_new", None)
    if fresh:
        secure = request.url.scheme == "https"
        response.set_cookie(COOKIE, fresh, httponly=True, samesite="lax", secure=secure, path="/")


def valid(request: Request, submitted: object) -> bool:
    held = request.cookies.get(COOKIE, "")
    if not (SHAPE.match(held) and isinstance(submitted, str)):
        return False
    return secrets.compare_digest(held.encode(), submitted.encode())
