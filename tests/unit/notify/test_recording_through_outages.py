"""A message sent while the database restarts keeps its outcome until it can be recorded, so its
lease does not run out and send it again; past its lease, the outage is somebody else's to see."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable

import asyncpg
import pytest
from notify import dispatch


def flaky(failures: list[Exception]) -> tuple[list[int], Callable[[], Awaitable[None]]]:
    calls: list[int] = []

    async def work() -> None:
        calls.append(1)
        if failures:
            raise failures.pop(0)

    return calls, work


async def test_the_outcome_is_recorded_once_the_database_answers_again() -> None:
    calls, work = flaky([ConnectionRefusedError(), asyncpg.exceptions.CannotConnectNowError()])

    await dispatch.through_outages(work, until=time.monotonic() + 5)

    assert len(calls) == 3


async def test_past_the_lease_the_outage_is_raised() -> None:
    calls, work = flaky([ConnectionRefusedError()] * 10)

    with pytest.raises(ConnectionRefusedError):
        await dispatch.through_outages(work, until=time.monotonic() + 0.5)
    assert 1 < len(calls) < 10


async def test_a_bug_is_not_an_outage_and_is_not_retried() -> None:
    calls, work = flaky([ValueError("a bug")])

    with pytest.raises(ValueError, match="a bug"):
        await dispatch.through_outages(work, until=time.monotonic() + 5)
    assert len(calls) == 1
