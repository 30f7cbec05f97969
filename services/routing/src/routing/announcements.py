"""The events routing publishes: assignments, status changes, and agencies' work items."""

from __future__ import annotations

from datetime import datetime

from dekat.events import Envelope, new_event
from dekat.payloads import (
    ASSIGNED,
    ESCALATION,
    STATUS_CHANGED,
    WORK_ITEM,
    AgencyEscalation,
    AgencyWorkItem,
    RequestAssigned,
    RequestStatusChanged,
    SharedIdentity,
)
from dekat.vocabulary import ChangeKind, Status

from routing.agencies import Agency
from routing.assignments import Assignment, Submission
from routing.deadlines import Escalation
from routing.decisions import Decision

SOURCE = "routing"


def assigned(
    request_id: str,
    decision: Decision,
    seq: int,
    now: datetime,
    caused_by: Envelope | None,
    previous: str | None = None,
    *,
    urgent: bool = False,
) -> Envelope:
    """What intake, notify and operators learn: who, why and by when."""
    data = RequestAssigned(
        request_id=request_id,
        agency_code=decision.agency.code,
        agency_name=decision.agency.name,
        supporting_agencies=[a.code for a in decision.supporting],
        reasons=list(decision.reasons),
        explanation={language: list(said) for language, said in decision.explanation.items()},
        rule_version=decision.rule_version,
        status_seq=seq,
        assigned_at=now,
        acknowledge_by=decision.acknowledge_by,
        resolve_by=decision.resolve_by,
        previous_agency_code=previous,
        urgent=urgent,
    )
    return new_event(ASSIGNED, subject=request_id, data=data, source=SOURCE, now=now, caused_by=caused_by)


def work_item(
    submission: Submission, decision: Decision, now: datetime, caused_by: Envelope | None
) -> Envelope:
    """What the agency learns: the work, and nothing that identifies the citizen."""
    data = AgencyWorkItem(
        request_id=submission.request_id,
        tracking_code=submission.tracking_code,
        service_code=submission.service_code,
        description=submission.description,
        lat=submission.lat,
        long=submission.long,
        address=submission.address,
        attributes=submission.attributes,
        assigned_at=now,
        acknowledge_by=decision.acknowledge_by,
        resolve_by=decision.resolve_by,
        priority="urgent" if submission.urgent else "normal",
        supporting_agencies=[a.code for a in decision.supporting],
        shared_identity=identity(submission),
    )
    return new_event(
        WORK_ITEM, subject=submission.request_id, data=data, source=SOURCE, now=now, caused_by=caused_by
    )


def identity(submission: Submission) -> SharedIdentity | None:
    """Who the citizen is, only for a public request whose citizen consented; otherwise nobody."""
    if submission.privacy != "public" or not submission.shared_identity:
        return None
    return SharedIdentity.model_validate(submission.shared_identity)


def status_changed(
    request_id: str,
    status: Status,
    seq: int,
    agency: Agency,
    now: datetime,
    caused_by: Envelope | None,
    *,
    change: ChangeKind = "status",
    note: str | None = None,
    deadline: datetime | None = None,
    urgent: bool = False,
    escalation: Escalation | None = None,
) -> Envelope:
    data = RequestStatusChanged(
        request_id=request_id,
        status=status,
        status_seq=seq,
        change=change,
        agency_code=agency.code,
        agency_name=agency.name,
        note=note,
        changed_at=now,
        deadline=deadline,
        urgent=urgent,
        escalation=escalation.step if escalation else None,
        escalated_to=escalation.target.name if escalation else None,
        missed=escalation.kind if escalation else None,
    )
    return new_event(
        STATUS_CHANGED, subject=request_id, data=data, source=SOURCE, now=now, caused_by=caused_by
    )


def escalated(
    a: Assignment, seq: int, holder: Agency, step: Escalation, now: datetime, *, urgent: bool = False
) -> Envelope:
    """The citizen's side of a deadline step: what was missed and who was told, in no language.

    The status stays what it is; the deadline is the one the citizen can still hold the agency
    to (resolving, once acknowledging was missed), never the time of the next step.
    """
    return status_changed(
        a.request_id,
        a.status,
        seq,
        holder,
        now,
        None,
        change="escalated",
        deadline=a.resolve_by if step.kind == "acknowledge" else None,
        urgent=urgent,
        escalation=step,
    )


def escalation_notice(
    submission: Submission, holder: Agency, step: Escalation, due: datetime, now: datetime
) -> Envelope:
    """What the agency told at this step (the holder, its supervisor, or the coordinator) reads."""
    data = AgencyEscalation(
        request_id=submission.request_id,
        tracking_code=submission.tracking_code,
        holder_agency_code=holder.code,
        step=step.step,
        deadline=step.kind,
        due_at=due,
        note=step.note,
        escalated_at=now,
    )
    return new_event(ESCALATION, subject=submission.request_id, data=data, source=SOURCE, now=now)
