"""One example of every event type, as it travels: shown in the AsyncAPI documents, and checked
against the schemas there (tests/unit/common/test_asyncapi.py)."""

from __future__ import annotations

import functools
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from dekat import contracts
from dekat import payloads as p
from dekat.events import Envelope, new_event

REQUEST = "3f1c9a52-7d4e-4b8a-9c1d-2e6f8a0b4c7d"
CODE = "DK-7K3M-9QXA"
AT = datetime(2026, 5, 4, 9, 30, tzinfo=UTC)
LATER = "2026-05-04T11:30:00Z"
LEAD = {"code": "dinas-bina-marga", "name": "Dinas Bina Marga DKI Jakarta"}
WHY = "Menteng is in Dinas Bina Marga's area for pothole"
PHOTO = {
    "photo_id": "9b2e4c1a-0d3f-4e5a-8b6c-7d8e9f0a1b2c",
    "content_type": "image/jpeg",
    "url": f"https://agency.dekat.example.id/v1/agency/requests/{REQUEST}/photos/9b2e4c1a-0d3f-4e5a-8b6c-7d8e9f0a1b2c",
}
FACTS = {
    "request_id": REQUEST,
    "tracking_code": CODE,
    "service_code": "pothole",
    "description": "Lubang besar di Jl. Menteng Raya, dekat halte",
    "lat": -6.1951,
    "long": 106.8345,
    "address": "Jl. Menteng Raya 12",
    "submitted_at": AT,
    "photos": [PHOTO],
}
SQUARE = [[[106.82, -6.20], [106.85, -6.20], [106.85, -6.18], [106.82, -6.18], [106.82, -6.20]]]
ONE = {"request_id": REQUEST, "status_seq": 5}
BY_INTAKE = (p.SUBMITTED, p.CONTACT, p.ERASED, p.FEEDBACK, p.SURVEY_ANSWERED)

DATA: dict[str, dict[str, Any]] = {
    p.SUBMITTED: FACTS,
    p.CONTACT: {
        **{"request_id": REQUEST, "tracking_code": CODE, "name": "Dewi", "email": "dewi@example.id"},
        **{"phone": "+62 813 1234 5678", "channels": ["email", "sms"], "submitted_at": AT},
    },
    p.ASSIGNED: {
        **{"request_id": REQUEST, "agency_code": LEAD["code"], "agency_name": LEAD["name"], "reasons": [WHY]},
        **{"explanation": {"en": [WHY]}, "rule_version": 3, "status_seq": 1, "assigned_at": AT},
    },
    p.STATUS_CHANGED: {
        **{"request_id": REQUEST, "status": "acknowledged", "status_seq": 2, "changed_at": LATER},
        **{"agency_code": LEAD["code"], "agency_name": LEAD["name"]},
    },
    p.FEEDBACK: {"request_id": REQUEST, "action": "rate", "rating": 5, "comment": "Cepat", "given_at": LATER},
    p.AREA: {
        **{"code": "menteng", "name": "Menteng", "level": "kecamatan", "parent": "jakarta-pusat"},
        **{"geometry": {"type": "Polygon", "coordinates": SQUARE}, "revision": 7},
    },
    p.AGENCY_RESPONSE: {"request_id": REQUEST, "action": "resolve", "note": "Lubang sudah ditambal"},
    p.WORK_ITEM: {**FACTS, "assigned_at": AT, "lead": LEAD, "resolve_by": "2026-05-07T09:30:00Z"},
    p.REQUEST_CHANGED: {
        **{"request_id": REQUEST, "role": "lead", "status": "in_progress", "status_seq": 3},
        **{"by": LEAD["code"], "changed_at": LATER},
    },
    p.RELEASED: {**ONE, "reason": "transferred", "now_with": "pam-jaya", "released_at": LATER},
    p.CITIZEN_MESSAGE: {**ONE, "kind": "answer", "text": "Di depan nomor 12", "said_at": LATER},
    p.PARTNER_UPDATE: {**ONE, "by": LEAD, "role": "supporting", "note": "Rambu dipasang", "at": LATER},
    p.ESCALATION: {
        **{"request_id": REQUEST, "tracking_code": CODE, "holder_agency_code": LEAD["code"]},
        **{"step": "supervisor", "deadline": "acknowledge", "due_at": "2026-05-04T13:30:00Z"},
        **{"note": "Not acknowledged within 4 working hours", "escalated_at": LATER},
    },
    p.ACTION_REFUSED: {
        **{"request_id": REQUEST, "action": "resolve", "field": "action", "refused_at": LATER},
        **{"problem": "cannot resolve a request that is assigned"},
        **{"response_event_id": "6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d"},
    },
    p.SURVEY_ANSWERED: {
        **{"request_id": REQUEST, "reporter_id": "5c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f"},
        "answers": {
            **{"requirements": 4, "procedure": 3, "time": 3, "cost": None, "product": 4},
            **{"competence": 4, "conduct": 4, "complaints": 3, "facilities": None},
        },
        **{"comment": "Petugasnya ramah", "answered_at": LATER},
    },
    p.ERASED: {
        "request_id": REQUEST,
        "erased_at": "2026-06-04T02:00:00Z",
        "done_since": "2026-05-05T08:00:00Z",
    },
    p.AGENCY: {
        **{"code": LEAD["code"], "name": LEAD["name"], "kind": "government", "supervisor": "dinas-pu"},
        "calendar": {"timezone": "Asia/Jakarta", "weekdays": [0, 1, 2, 3, 4], "hours": ["08:00", "16:00"]},
        **{"on_call": False, "revision": 7},
    },
}
"""Event type → an example of its `data`."""


@functools.cache
def examples() -> dict[str, Envelope]:
    """Event type → an example event of that type (its data read by the type's payload model)."""
    found = {}
    for n, (type_, data) in enumerate(DATA.items(), start=1):
        payload = contracts.PAYLOADS[type_].model_validate(data)
        subject = data.get("request_id") or data["code"]
        found[type_] = new_event(
            type_, subject=subject, data=payload, source="routing", now=AT, event_id=UUID(int=n)
        )
    return found
