"""What each agency reads on its own topic, so that it can keep a correct copy of its queue
(docs/design.md, "What an agency's topic carries"). Builders are pure; `tell` enqueues.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Literal

from dekat import outbox, topics
from dekat.db import Connection
from dekat.events import Envelope, new_event
from dekat.payloads import (
    ACTION_REFUSED,
    CITIZEN_MESSAGE,
    ESCALATION,
    PARTNER_UPDATE,
    RELEASED,
    REQUEST_CHANGED,
    WORK_ITEM,
    AgencyActionRefused,
    AgencyCitizenMessage,
    AgencyEscalation,
    AgencyHistoryEntry,
    AgencyPartnerUpdate,
    AgencyRef,
    AgencyRequestChanged,
    AgencyRequestReleased,
    AgencyWorkItem,
    Payload,
    SharedIdentity,
)
from dekat.vocabulary import Role

from routing import history, store
from routing.agencies import Agency
from routing.assignments import Assignment, Submission
from routing.deadlines import Escalation

SOURCE = "routing"
Party = tuple[str, Role]
Released = Literal["rejected", "transferred", "rerouted", "merged", "support_ended"]


def event(kind: str, request_id: str, data: Payload, now: datetime, caused_by: Envelope | None) -> Envelope:
    return new_event(kind, subject=request_id, data=data, source=SOURCE, now=now, caused_by=caused_by)


async def tell(conn: Connection, parties: Iterable[Party], build: Callable[[Role], Envelope]) -> None:
    """Enqueue `build(role)` on the topic of every agency in `parties`."""
    for code, role in parties:
        await outbox.enqueue(conn, topics.agency(code), build(role))


async def hand_out(
    conn: Connection, s: Submission, lead: Agency, now: datetime, caused_by: Envelope | None
) -> None:
    """The work item, with the history so far, to every agency with a part in the request."""
    current = await store.lock_assignment(conn, s.request_id)
    assert current is not None
    past = history.for_agencies(await history.of_request(conn, s.request_id))
    duplicates = await store.possible_duplicates(conn, s.facts, now)
    await tell(
        conn,
        current.parties,
        lambda role: work_item(s, current, role, lead, past, now, caused_by, duplicates),
    )


def agency_link(request_id: str, photo_id: str) -> str:
    """Where an agency opens a photo: on the agency API, with its key or staff session, which
    answers with a short-lived signed link to intake (relative to the agency API's address)."""
    return f"/v1/agency/requests/{request_id}/photos/{photo_id}"


def identity(s: Submission, role: Role) -> SharedIdentity | None:
    """Who the citizen is: only to the lead of a public request whose citizen consented."""
    if role != "lead" or s.facts.privacy != "public":
        return None
    return s.shared_identity


def work_item(
    s: Submission,
    a: Assignment,
    role: Role,
    lead: Agency,
    history: list[AgencyHistoryEntry],
    now: datetime,
    caused_by: Envelope | None,
    duplicates: list[str] | None = None,
) -> Envelope:
    """The request is now this agency's to lead, support or oversee: everything it needs."""
    facts = s.facts.model_dump()
    facts["photos"] = [
        {**photo, "url": agency_link(s.request_id, photo["photo_id"])} for photo in facts["photos"]
    ]
    data = AgencyWorkItem(
        **facts,
        role=role,
        status=a.status,
        status_seq=a.status_seq,
        lead=AgencyRef(code=lead.code, name=lead.name),
        assigned_at=a.assigned_at or now,
        acknowledge_by=a.acknowledge_by,
        resolve_by=a.resolve_by,
        answer_by=a.answer_by,
        supporting_agencies=list(a.supporting),
        reporters=a.reporters,
        possible_duplicates=duplicates if role != "supporting" and duplicates else [],
        history=history,
        shared_identity=identity(s, role),
    )
    return event(WORK_ITEM, s.request_id, data, now, caused_by)


def changed(
    a: Assignment,
    role: Role,
    now: datetime,
    caused_by: Envelope | None,
    *,
    by: str,
    reason: str | None = None,
    note: str | None = None,
) -> Envelope:
    data = AgencyRequestChanged(
        request_id=a.request_id,
        role=role,
        status=a.status,
        status_seq=a.status_seq,
        reason=reason,
        note=note,
        by=by,
        changed_at=now,
        acknowledge_by=a.acknowledge_by,
        resolve_by=a.resolve_by,
        answer_by=a.answer_by,
        reporters=a.reporters,
    )
    return event(REQUEST_CHANGED, a.request_id, data, now, caused_by)


def released(
    request_id: str,
    seq: int,
    reason: Released,
    now_with: str | None,
    now: datetime,
    caused_by: Envelope | None,
) -> Envelope:
    data = AgencyRequestReleased(
        request_id=request_id, status_seq=seq, reason=reason, now_with=now_with, released_at=now
    )
    return event(RELEASED, request_id, data, now, caused_by)


def citizen_message(
    request_id: str,
    seq: int,
    kind: Literal["answer", "contest", "rating"],
    text: str | None,
    rating: int | None,
    now: datetime,
    caused_by: Envelope | None,
) -> Envelope:
    data = AgencyCitizenMessage(
        request_id=request_id, status_seq=seq, kind=kind, text=text, rating=rating, said_at=now
    )
    return event(CITIZEN_MESSAGE, request_id, data, now, caused_by)


def partner_update(
    request_id: str, seq: int, by: Agency, role: Role, note: str, now: datetime, caused_by: Envelope | None
) -> Envelope:
    data = AgencyPartnerUpdate(
        request_id=request_id,
        status_seq=seq,
        by=AgencyRef(code=by.code, name=by.name),
        role=role,
        note=note,
        at=now,
    )
    return event(PARTNER_UPDATE, request_id, data, now, caused_by)


def escalation_notice(
    s: Submission, holder: Agency, step: Escalation, due: datetime, now: datetime
) -> Envelope:
    """What the agency told at this step (the holder, a supervisor, or the coordinator) reads."""
    data = AgencyEscalation(
        request_id=s.request_id,
        tracking_code=s.facts.tracking_code,
        holder_agency_code=holder.code,
        step=step.step,
        deadline=step.kind,
        due_at=due,
        note=step.note,
        escalated_at=now,
        last_step=step.last,
    )
    return event(ESCALATION, s.request_id, data, now, None)


def unanswered_notice(s: Submission, holder: Agency, due: datetime, now: datetime) -> Envelope:
    """The citizen did not answer the holder's question in time: it may go on, or close."""
    note = (
        f"the citizen has not answered {holder.name}'s question by its deadline; continue without"
        " the answer (action continue) or close the request as unanswered (close_unanswered)"
    )
    data = AgencyEscalation(
        request_id=s.request_id,
        tracking_code=s.facts.tracking_code,
        holder_agency_code=holder.code,
        step="reminder",
        deadline="answer",
        due_at=due,
        note=note,
        escalated_at=now,
        last_step=True,
    )
    return event(ESCALATION, s.request_id, data, now, None)


def refused(
    request_id: str, action: str, field: str, problem: str, response: Envelope, now: datetime
) -> Envelope:
    """The agency's response changed nothing: say why, on its own topic."""
    data = AgencyActionRefused(
        request_id=request_id,
        action=action,
        field=field,
        problem=problem,
        response_event_id=str(response.id),
        refused_at=now,
    )
    return event(ACTION_REFUSED, request_id, data, now, response)
