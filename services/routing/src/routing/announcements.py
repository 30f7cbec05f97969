"""The events routing publishes for intake, notify and operators: assignments and every change.

What each agency reads on its own topic is in `queues`.
"""

from __future__ import annotations

from datetime import datetime

from dekat.events import Envelope, new_event
from dekat.payloads import ASSIGNED, STATUS_CHANGED, AgencyRef, RequestAssigned, RequestStatusChanged
from dekat.vocabulary import ChangeKind, Status

from routing.agencies import Agency
from routing.assignments import Assignment
from routing.deadlines import Escalation
from routing.decisions import Decision

SOURCE = "routing"


def ref(agency: Agency) -> AgencyRef:
    return AgencyRef(code=agency.code, name=agency.name)


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
    """What intake, notify and operators learn: who leads, who helps, why and by when."""
    data = RequestAssigned(
        request_id=request_id,
        agency_code=decision.agency.code,
        agency_name=decision.agency.name,
        supporting_agencies=[a.code for a in decision.supporting],
        supporting=[ref(a) for a in decision.supporting],
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


def status_changed(
    request_id: str,
    status: Status,
    seq: int,
    agency: Agency,
    now: datetime,
    caused_by: Envelope | None,
    *,
    change: ChangeKind = "status",
    reason: str | None = None,
    by: Agency | None = None,
    note: str | None = None,
    deadline: datetime | None = None,
    urgent: bool = False,
    escalation: Escalation | None = None,
    merged_into: str | None = None,
) -> Envelope:
    """A change of the request held by `agency`; `by` when another agency acted (an update)."""
    data = RequestStatusChanged(
        request_id=request_id,
        status=status,
        status_seq=seq,
        change=change,
        reason=reason,
        agency_code=agency.code,
        agency_name=agency.name,
        by_agency=ref(by) if by is not None and by.code != agency.code else None,
        note=note,
        changed_at=now,
        deadline=deadline,
        urgent=urgent,
        escalation=escalation.step if escalation else None,
        escalated_to=escalation.target.name if escalation else None,
        missed=escalation.kind if escalation else None,
        merged_into=merged_into,
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
