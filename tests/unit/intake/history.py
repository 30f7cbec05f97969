"""A seeded history of requests as the events tell it (what routing and intake would publish), with
defaults: a test says only what it is about. Times are in Jakarta's working week of 16 November 2026
(no public holiday), so working hours are easy to count by hand."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from dekat.events import Envelope, new_event
from dekat.payloads import (
    AGENCY,
    ASSIGNED,
    FEEDBACK,
    STATUS_CHANGED,
    SUBMITTED,
    SURVEY_ANSWERED,
    NetworkAgency,
    RequestAssigned,
    RequestFeedback,
    RequestStatusChanged,
    RequestSubmitted,
    RequestSurveyAnswered,
    SharedIdentity,
)
from dekat.vocabulary import SURVEY_ELEMENTS
from intake.projection import facts
from intake.projection.facts import Fact, Place

WIB = timedelta(hours=7)
MONDAY = datetime(2026, 11, 16, tzinfo=UTC) - WIB
"""Monday 16 November 2026, 00:00 in Jakarta."""
OFFICE = {"timezone": "Asia/Jakarta", "hours": ["08:00", "16:00"], "weekdays": [0, 1, 2, 3, 4]}
MENTENG = (-6.1951, 106.8345)
"""A point in Kelurahan Menteng, Kecamatan Menteng."""


def at(day: int, hour: float) -> datetime:
    """`day` days after Monday 16 November 2026, at `hour` o'clock in Jakarta."""
    return MONDAY + timedelta(days=day, hours=hour)


def new_id() -> str:
    return str(uuid.uuid4())


def submitted(request_id: str, when: datetime, **changes: Any) -> Envelope:
    data = RequestSubmitted(
        request_id=request_id,
        tracking_code=changes.pop("tracking_code", "DK-2345-6789"),
        service_code=changes.pop("service_code", "pothole"),
        description=changes.pop("description", "Lubang di Jl. Menteng Raya"),
        lat=changes.pop("lat", MENTENG[0]),
        long=changes.pop("long", MENTENG[1]),
        submitted_at=when,
        **changes,
    )
    return new_event(SUBMITTED, subject=request_id, data=data, source="intake", now=when)


def assigned(
    request_id: str, seq: int, when: datetime, agency: str = "dinas-bina-marga", **changes: Any
) -> Envelope:
    data = RequestAssigned(
        request_id=request_id,
        agency_code=agency,
        agency_name=changes.pop("agency_name", agency),
        reasons=["the closest office"],
        rule_version=1,
        status_seq=seq,
        assigned_at=when,
        **changes,
    )
    return new_event(ASSIGNED, subject=request_id, data=data, source="routing", now=when)


def status(
    request_id: str,
    seq: int,
    when: datetime,
    new_status: str,
    agency: str = "dinas-bina-marga",
    **changes: Any,
) -> Envelope:
    data = RequestStatusChanged(
        request_id=request_id,
        status=new_status,  # type: ignore[arg-type]
        status_seq=seq,
        agency_code=agency,
        changed_at=when,
        **changes,
    )
    return new_event(STATUS_CHANGED, subject=request_id, data=data, source="routing", now=when)


def survey(
    request_id: str, when: datetime, answers: dict[str, int | None], reporter_id: str | None = None
) -> Envelope:
    data = RequestSurveyAnswered(
        request_id=request_id,
        reporter_id=reporter_id or new_id(),
        answers={e: answers.get(e) for e in SURVEY_ELEMENTS},
        comment="Terima kasih, Pak Budi (0812 3456 7890)",
        answered_at=when,
    )
    return new_event(SURVEY_ANSWERED, subject=request_id, data=data, source="intake", now=when)


def every(score: int | None, **others: int | None) -> dict[str, int | None]:
    """Every element answered `score`, but those named."""
    return {e: others.get(e, score) for e in SURVEY_ELEMENTS}


def rating(request_id: str, when: datetime, value: int, reporter_id: str | None = None) -> Envelope:
    data = RequestFeedback(
        request_id=request_id, action="rate", rating=value, given_at=when, reporter_id=reporter_id
    )
    return new_event(FEEDBACK, subject=request_id, data=data, source="intake", now=when)


def agency(code: str, kind: str = "government", revision: int = 1, **changes: Any) -> Envelope:
    data = NetworkAgency(
        code=code,
        name=changes.pop("name", code.replace("-", " ").title()),
        kind=kind,  # type: ignore[arg-type]
        calendar=changes.pop("calendar", OFFICE),
        revision=revision,
        **changes,
    )
    return new_event(AGENCY, subject=code, data=data, source="routing")


IN_MENTENG = Place("kel-menteng", "kec-menteng")


def fact_of(event: Envelope, place: Place = IN_MENTENG) -> Fact:
    """The fact the projection keeps of one of the events above."""
    if event.type == SUBMITTED:
        return facts.submitted(event.payload(RequestSubmitted), place, str(event.id))
    if event.type == ASSIGNED:
        return facts.assigned(event.payload(RequestAssigned), str(event.id))
    return facts.status(event.payload(RequestStatusChanged), str(event.id))


def life(
    request_id: str,
    *,
    day: int = 0,
    hour: float = 9,
    agency_code: str = "dinas-bina-marga",
    acknowledged: float | None = 2,
    resolved: float | None = 9,
    acknowledge_within: float = 4,
    resolve_within: float = 16,
    **submission: Any,
) -> list[Envelope]:
    """A request submitted `day` days after Monday at `hour` (Jakarta), assigned 6 minutes later,
    acknowledged and resolved that many *calendar* hours after it was submitted (None: not yet),
    its deadlines that many calendar hours after the assignment."""
    start = at(day, hour)
    given = start + timedelta(minutes=6)
    events = [
        submitted(request_id, start, **submission),
        assigned(
            request_id,
            1,
            given,
            agency_code,
            acknowledge_by=given + timedelta(hours=acknowledge_within),
            resolve_by=given + timedelta(hours=resolve_within),
        ),
    ]
    if acknowledged is not None:
        events.append(
            status(request_id, 2, start + timedelta(hours=acknowledged), "acknowledged", agency_code)
        )
    if resolved is not None:
        events.append(status(request_id, 3, start + timedelta(hours=resolved), "resolved", agency_code))
    return events


IDENTITY = SharedIdentity(name="Siti Rahayu", phone="+62 812 5555 0101", email="siti.rahayu@example.id")
