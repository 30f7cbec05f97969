"""Accounts, sessions and lockout against the real PostgreSQL (the `dekat.accounts` migrations)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from dekat import db
from dekat.accounts import passwords, signin, store
from dekat.accounts.sessions import Cookie
from dekat.accounts.signin import Refused, SignedIn
from dekat.accounts.store import Account
from dekat.accounts.throttle import Policy
from dekat.db import Pool

NOW = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)
COOKIE = Cookie("c", lifetime=timedelta(hours=10), idle=timedelta(hours=2))
POLICY = Policy(per_user=3, per_client=4, delay_seconds=0)
PASSWORD = "sandi-rahasia-123"


@pytest.fixture
async def pool(database: str) -> AsyncIterator[Pool]:
    found = await db.create_pool(database)
    await db.migrate(found, ["dekat.accounts"])
    async with found.acquire() as conn:
        for username in ("dewi", "budi"):
            account = Account(username, "dinas-sda", username.title(), "staff", NOW)
            await store.create(conn, account, await passwords.hashed(PASSWORD), NOW)
    yield found
    await found.close()


async def attempt(
    pool: Pool, username: str, password: str, at: datetime = NOW, client: str = "10.0.0.1"
) -> object:
    return await signin.sign_in(pool, username, password, client=client, now=at, policy=POLICY, cookie=COOKIE)


async def holder(pool: Pool, token: str, at: datetime) -> str | None:
    async with pool.acquire() as conn:
        found = await signin.current(conn, token, at, COOKIE)
    return found.username if found else None


async def test_a_session_lasts_while_used_and_ends_when_idle_or_too_old(pool: Pool) -> None:
    signed = await attempt(pool, "dewi", PASSWORD)
    assert isinstance(signed, SignedIn)
    token = signed.token

    assert await holder(pool, token, NOW + timedelta(hours=1)) == "dewi"
    assert await holder(pool, token, NOW + timedelta(hours=2, minutes=30)) == "dewi"
    assert await holder(pool, token, NOW + timedelta(hours=5)) is None
    fresh = await attempt(pool, "dewi", PASSWORD)
    assert isinstance(fresh, SignedIn)
    for hour in range(1, 10):
        assert await holder(pool, fresh.token, NOW + timedelta(hours=hour)) == "dewi"
    assert await holder(pool, fresh.token, NOW + timedelta(hours=10, minutes=1)) is None


async def test_signing_out_ends_the_session_and_a_made_up_token_is_nobody(pool: Pool) -> None:
    signed = await attempt(pool, "dewi", PASSWORD)
    assert isinstance(signed, SignedIn)

    async with pool.acquire() as conn:
        await signin.sign_out(conn, signed.token)

    assert await holder(pool, signed.token, NOW) is None
    assert await holder(pool, "A" * 43, NOW) is None


async def test_a_locked_username_refuses_even_the_right_password_until_the_lock_ends(pool: Pool) -> None:
    outcomes = [await attempt(pool, "dewi", "salah-sekali") for _ in range(3)]
    during = await attempt(pool, "dewi", PASSWORD, NOW + timedelta(minutes=5))
    after = await attempt(pool, "dewi", PASSWORD, NOW + timedelta(minutes=16))

    assert [o.why for o in outcomes if isinstance(o, Refused)] == ["wrong", "wrong", "wrong"]
    assert isinstance(outcomes[-1], Refused)
    assert outcomes[-1].until == NOW + timedelta(minutes=15)
    assert isinstance(during, Refused)
    assert during.why == "locked"
    assert isinstance(after, SignedIn)


async def test_one_client_guessing_many_usernames_is_locked_for_every_username(pool: Pool) -> None:
    for name in ("ani", "eko", "dewi", "budi"):
        await attempt(pool, name, "tebakan-tebakan")

    from_there = await attempt(pool, "budi", PASSWORD)
    elsewhere = await attempt(pool, "budi", PASSWORD, client="10.0.0.2")

    assert isinstance(from_there, Refused)
    assert from_there.why == "locked"
    assert isinstance(elsewhere, SignedIn)


async def test_a_good_sign_in_forgets_the_usernames_failures(pool: Pool) -> None:
    for _ in range(2):
        await attempt(pool, "dewi", "salah-sekali")
    assert isinstance(await attempt(pool, "dewi", PASSWORD), SignedIn)

    again = [await attempt(pool, "dewi", "salah-sekali", client="10.0.0.9") for _ in range(2)]

    assert all(isinstance(o, Refused) and o.until is None for o in again)
