"""Who reported a request, and what they said (pure). The citizen who submitted it is its first
reporter; each reporter holds a secret for the links in their messages, so only they can rate,
answer or contest: knowing the tracking code is enough to read, never to change anything."""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

Role = Literal["submitter", "follower"]
Said = Literal["answer", "contest", "rating"]

SAID: dict[str, Said] = {"provide_info": "answer", "reopen": "contest", "rate": "rating"}
"""The citizen's feedback action → what their words are, in their timeline."""


@dataclass(frozen=True)
class Reporter:
    reporter_id: str
    request_id: str
    link_token: str
    role: Role
    joined_at: datetime


def new_reporter(request_id: str, role: Role, now: datetime) -> Reporter:
    """A reporter with a fresh, unguessable secret (128 bits)."""
    return Reporter(str(uuid.uuid4()), request_id, secrets.token_urlsafe(16), role, now)


@dataclass(frozen=True)
class CitizenMessage:
    request_id: str
    reporter_id: str
    kind: Said
    text: str | None
    rating: int | None
    at: datetime
