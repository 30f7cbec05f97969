"""Events as intake and routing publish them, with defaults: a test says only what it is about."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from dekat.events import Envelope, new_event
from dekat.payloads import (
    ASSIGNED,
    CONTACT,
    STATUS_CHANGED,
    CitizenContact,
    RequestAssigned,
    RequestStatusChanged,
)


def new_request() -> str:
    return str(uuid.uuid4())


def person() -> dict[str, str]:
    unique = uuid.uuid4().hex[:8]
    digits = str(uuid.uuid4().int)[:8]
    return {"name": f"Siti {unique}", "email": f"siti.{unique}@example.id", "phone": f"+62 812 {digits}"}


def contact(request_id: str, who: dict[str, str], **overrides: Any) -> Envelope:
    fields: dict[str, Any] = {
        "request_id": request_id,
        "tracking_code": f"DK-{request_id[:4].upper()}-TEST",
        **who,
        "channels": ["sms", "email"],
        "submitted_at": datetime.now(UTC),
        **overrides,
    }
    return new_event(CONTACT, subject=request_id, data=CitizenContact(**fields), source="intake")


def assigned(request_id: str, seq: int = 1, **overrides: Any) -> Envelope:
    now = datetime.now(UTC)
    fields: dict[str, Any] = {
        "request_id": request_id,
        "agency_code": "dinas-bina-marga",
        "agency_name": "Dinas Bina Marga",
        "reasons": ["pothole in Menteng"],
        "rule_version": 1,
        "status_seq": seq,
        "assigned_at": now,
        "resolve_by": now + timedelta(days=3),
        **overrides,
    }
    return new_event(ASSIGNED, subject=request_id, data=RequestAssigned(**fields), source="routing")


def status(request_id: str, status: str, seq: int, **overrides: Any) -> Envelope:
    fields: dict[str, Any] = {
        "request_id": request_id,
        "status": status,
        "status_seq": seq,
        "changed_at": datetime.now(UTC),
        **overrides,
    }
    return new_event(
        STATUS_CHANGED, subject=request_id, data=RequestStatusChanged(**fields), source="routing"
    )
