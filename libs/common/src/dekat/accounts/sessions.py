"""A signed-in browser: a random token in an HttpOnly, SameSite=Lax cookie, of which the service
keeps only the SHA-256 digest; the session ends after `lifetime`, or sooner when idle, at sign-out,
or when the account is disabled or its password changes."""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from fastapi import Request, Response

SHAPE = re.compile(r"^[A-Za-z0-9_-]{43}$")


@dataclass(frozen=True)
class Cookie:
    name: str
    lifetime: timedelta = timedelta(hours=10)
    """A working day; then the staff member signs in again."""
    idle: timedelta = timedelta(hours=2)

    def token(self, request: Request) -> str | None:
        held = request.cookies.get(self.name, "")
        return held if SHAPE.match(held) else None

    def give(self, request: Request, response: Response, token: str) -> None:
        response.set_cookie(
            self.name,
            token,
            max_age=int(self.lifetime.total_seconds()),
            httponly=True,
            samesite="lax",
            secure=request.url.scheme == "https",
            path="/",
        )

    def take_back(self, response: Response) -> None:
        response.delete_cookie(self.name, path="/", httponly=True, samesite="lax")

    def expires(self, now: datetime) -> datetime:
        return now + self.lifetime

    def idle_since(self, now: datetime) -> datetime:
        return now - self.idle


def new_token() -> str:
    return secrets.token_urlsafe(32)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
