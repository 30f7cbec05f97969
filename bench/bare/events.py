"""The bare pipeline's messages: an envelope with an id to dedupe by, and the data."""

from __future__ import annotations

import json
import uuid
from typing import Any


def envelope(subject: str, data: dict[str, Any]) -> bytes:
    return json.dumps({"id": str(uuid.uuid4()), "subject": subject, "data": data}).encode()


def parsed(value: bytes) -> dict[str, Any]:
    event: dict[str, Any] = json.loads(value)
    return event
