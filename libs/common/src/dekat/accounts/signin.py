"""Signing in and finding who is signed in: the recipes both services' pages use."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from dekat.accounts import passwords, sessions, store, throttle
from dekat.accounts.sessions import Cookie
from dekat.accounts.store import Account
from dekat.accounts.throttle import Failures, Policy
from dekat.db import Connection, Pool


@dataclass(frozen=True)
class SignedIn:
    account: Account
    token: str


@dataclass(frozen=True)
class Refused:
    why: Literal["wrong", "locked"]
    until: datetime | None = None
    """When sign-in opens again, if it is locked now."""
    wait: float = 0.0
    """Seconds to hold the answer back: repeated failures are slowed."""


async def sign_in(
    pool: Pool, username: str, password: str, *, client: str, now: datetime, policy: Policy, cookie: Cookie
) -> SignedIn | Refused:
    keys = throttle.keys(username, client)
    async with pool.acquire() as conn:
        found = await failures_of(conn, keys, now, policy)
        if until := throttle.locked_until(found, policy):
            return Refused("locked", until)
        stored = await store.password_hash(conn, username)
    if not await passwords.matches(stored, password):
        async with pool.acquire() as conn:
            await store.fail(conn, keys, now)
        after = Failures((*found.user, now), (*found.client, now))
        return Refused("wrong", throttle.locked_until(after, policy), throttle.delay(len(found.user), policy))
    return await open_session(pool, username, keys[0], now, cookie)


async def failures_of(conn: Connection, keys: tuple[str, str], now: datetime, policy: Policy) -> Failures:
    found = await store.failures(conn, keys, now - policy.window)
    return Failures(found[keys[0]], found[keys[1]])


async def open_session(
    pool: Pool, username: str, user_key: str, now: datetime, cookie: Cookie
) -> SignedIn | Refused:
    token = sessions.new_token()
    async with pool.acquire() as conn, conn.transaction():
        account = await store.find(conn, username)
        if account is None or not account.active:
            return Refused("wrong")
        await store.start_session(conn, sessions.digest(token), username, now, cookie.expires(now))
        await store.signed_in(conn, username, now)
        await store.forget_failures(conn, user_key)
    return SignedIn(account, token)


async def current(conn: Connection, token: str | None, now: datetime, cookie: Cookie) -> Account | None:
    """Who holds this session token, if it is live and their account active."""
    if token is None:
        return None
    return await store.session_account(conn, sessions.digest(token), now, cookie.idle_since(now))


async def sign_out(conn: Connection, token: str | None) -> None:
    if token is not None:
        await store.end_session(conn, sessions.digest(token))
