"""The one small interface every channel's adapter implements: send, or say how it failed."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from uuid import UUID


@dataclass(frozen=True)
class Outgoing:
    id: UUID
    """The notification id; providers that accept an idempotency key get it, so a resend is a no-op."""
    channel: str
    to: str
    subject: str
    body: str


class TemporaryFailure(Exception):
    """Worth trying again later: the provider is down, slow or busy."""


class PermanentFailure(Exception):
    """Will never work on this channel: bad address, refused, opted out at the provider."""


Send = Callable[[Outgoing], Awaitable[str | None]]
"""Returns the provider's message id (None if it has none) once accepted; raises one of the above."""
