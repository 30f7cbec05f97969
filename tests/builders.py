"""Events and payloads with sensible defaults: say only what a test is about."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from dekat.events import Envelope, new_event
from pydantic import BaseModel


class Note(BaseModel):
    text: str = "hello"
    n: int = 0


def event(subject: str | None = None, type_: str = "test.note", **data: Any) -> Envelope:
    return new_event(
        type_,
        subject=subject or str(uuid.uuid4()),
        data=Note(**data),
        source="tests",
        now=datetime.now(UTC),
    )
