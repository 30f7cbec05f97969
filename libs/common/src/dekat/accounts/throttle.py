"""Failed sign-ins are slowed, then locked for a while, per username and per client (pure).

A username with `per_user` failures in the last `window` is locked until the oldest of them ages
out; so is a client address with `per_client` failures (one machine guessing many usernames).
Attempts while locked are not checked and not counted, so a lock ends on its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class Policy:
    per_user: int = 5
    per_client: int = 20
    window: timedelta = timedelta(minutes=15)
    delay_seconds: float = 0.5
    """The answer to the first failure waits this long; each further one twice as long."""
    max_delay_seconds: float = 4.0


@dataclass(frozen=True)
class Failures:
    """The failures inside the window, oldest first."""

    user: tuple[datetime, ...] = ()
    client: tuple[datetime, ...] = ()


def locked_until(failures: Failures, policy: Policy) -> datetime | None:
    """When sign-in opens again for this username and client; None if it is open now."""
    ends = [
        found[-limit] + policy.window
        for found, limit in ((failures.user, policy.per_user), (failures.client, policy.per_client))
        if len(found) >= limit
    ]
    return max(ends, default=None)


def delay(failures_so_far: int, policy: Policy) -> float:
    """How long the answer to a failed attempt waits, given the username's earlier failures."""
    grown: float = policy.delay_seconds * 2.0 ** max(failures_so_far, 0)
    return min(grown, policy.max_delay_seconds)


def keys(username: str, client: str) -> tuple[str, str]:
    return f"user:{username.lower()}", f"client:{client}"
