"""Passwords: hashed with argon2id (argon2-cffi's defaults), checked off the event loop.

Hashing costs tens of milliseconds and 64 MiB on purpose; it runs in a worker thread so a
sign-in never stalls the other requests of the process.
"""

from __future__ import annotations

import asyncio
import functools

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

MIN_LENGTH = 10
MAX_LENGTH = 128


@functools.cache
def hasher() -> PasswordHasher:
    return PasswordHasher()


@functools.cache
def stand_in() -> str:
    """A hash to check unknown usernames against, so they take as long as known ones."""
    return hasher().hash("no such account, no such password")


def problem(password: str, username: str) -> str | None:
    """Why this password cannot be chosen (a code), or None."""
    if len(password) < MIN_LENGTH:
        return "too_short"
    if len(password) > MAX_LENGTH:
        return "too_long"
    if password.strip().lower() == username.lower():
        return "is_username"
    return None


async def hashed(password: str) -> str:
    return await asyncio.to_thread(hasher().hash, password)


def matches_now(stored: str | None, password: str) -> bool:
    try:
        return hasher().verify(stored or stand_in(), password) and stored is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


async def matches(stored: str | None, password: str) -> bool:
    """Whether `password` is the one `stored` was made from; None (no account) never matches."""
    return await asyncio.to_thread(matches_now, stored, password)
