"""Signing in, pure parts: throttling, what an account and a password must be, session cookies."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from dekat.accounts import passwords, rules, sessions, throttle
from dekat.accounts.throttle import Failures, Policy

NOW = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)
POLICY = Policy(per_user=3, per_client=5, window=timedelta(minutes=15))


def minutes_ago(*minutes: int) -> tuple[datetime, ...]:
    return tuple(NOW - timedelta(minutes=m) for m in sorted(minutes, reverse=True))


def test_a_username_is_open_until_its_failures_reach_the_limit() -> None:
    assert throttle.locked_until(Failures(user=minutes_ago(2, 1)), POLICY) is None


def test_a_username_at_the_limit_is_locked_until_the_oldest_failure_leaves_the_window() -> None:
    until = throttle.locked_until(Failures(user=minutes_ago(10, 5, 1)), POLICY)

    assert until == NOW - timedelta(minutes=10) + timedelta(minutes=15)


def test_one_client_guessing_many_usernames_is_locked_by_its_own_count() -> None:
    until = throttle.locked_until(Failures(user=(), client=minutes_ago(9, 7, 5, 3, 1)), POLICY)

    assert until == NOW + timedelta(minutes=6)


def test_each_further_failure_waits_twice_as_long_up_to_the_ceiling() -> None:
    policy = Policy(delay_seconds=0.5, max_delay_seconds=4.0)

    assert [throttle.delay(n, policy) for n in range(6)] == [0.5, 1.0, 2.0, 4.0, 4.0, 4.0]


def test_usernames_are_throttled_whatever_their_case() -> None:
    assert throttle.keys("Dewi.SDA", "10.0.0.7") == ("user:dewi.sda", "client:10.0.0.7")


@pytest.mark.parametrize(
    ("password", "problem"),
    [("pendek", "too_short"), ("x" * 129, "too_long"), ("dewi.sda.kerja", None), ("Dewi.Sda.Kerja", None)],
)
def test_a_password_is_long_enough_and_not_too_long(password: str, problem: str | None) -> None:
    assert passwords.problem(password, "dewi") == problem


def test_a_password_may_not_be_the_username() -> None:
    assert passwords.problem("dewi.lestari", "dewi.lestari") == "is_username"


def test_a_new_account_names_every_field_that_is_wrong_in_form_order() -> None:
    found = rules.new_account("A", " ", "boss", "pendek")

    assert found == [
        ("username", "username_shape"),
        ("name", "name_missing"),
        ("role", "role_unknown"),
        ("password", "too_short"),
    ]
    assert all(code in rules.ENGLISH for _, code in found)


def test_a_good_account_has_no_problem() -> None:
    assert rules.new_account("dewi.sda", "Dewi Lestari", "admin", "sandi-rahasia-123") == []


async def test_a_password_matches_only_its_own_hash_and_no_account_never_matches() -> None:
    stored = await passwords.hashed("sandi-rahasia-123")

    assert stored.startswith("$argon2id$")
    assert await passwords.matches(stored, "sandi-rahasia-123")
    assert not await passwords.matches(stored, "sandi-rahasia-124")
    assert not await passwords.matches(None, "sandi-rahasia-123")
    assert not await passwords.matches("not a hash", "x")


def test_a_session_token_is_random_and_only_its_digest_is_kept() -> None:
    first, second = sessions.new_token(), sessions.new_token()

    assert first != second
    assert sessions.SHAPE.match(first)
    assert len(sessions.digest(first)) == 64
    assert first not in sessions.digest(first)


def test_a_session_ends_after_its_lifetime_or_when_idle() -> None:
    cookie = sessions.Cookie("c", lifetime=timedelta(hours=10), idle=timedelta(hours=2))

    assert cookie.expires(NOW) == NOW + timedelta(hours=10)
    assert cookie.idle_since(NOW) == NOW - timedelta(hours=2)
