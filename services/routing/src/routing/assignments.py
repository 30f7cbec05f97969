"""A request as routing holds it: what was asked, and where it stands with its agencies."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from dekat.payloads import RequestFacts, RequestSubmitted, SharedIdentity
from dekat.vocabulary import Role, Status

from routing.decisions import Request


@dataclass(frozen=True)
class Submission:
    """The request as submitted: its facts, and who asked only when a public citizen consented."""

    facts: RequestFacts
    shared_identity: SharedIdentity | None = None

    @property
    def request_id(self) -> str:
        return self.facts.request_id

    @property
    def urgent(self) -> bool:
        """Its citizen hears of every change even in quiet hours."""
        return self.facts.priority == "urgent"

    @classmethod
    def of(cls, s: RequestSubmitted) -> Submission:
        consented = s.shared_identity if s.privacy == "public" else None
        return cls(RequestFacts.model_validate(s.model_dump()), consented)

    def to_request(self) -> Request:
        return Request.of(self.facts)


@dataclass(frozen=True)
class Assignment:
    request_id: str
    agency_code: str
    status: Status
    status_seq: int
    rule_id: str | None
    rule_version: int
    acknowledge_by: datetime
    resolve_by: datetime
    rejected_by: tuple[str, ...] = ()
    escalation_step: int = 0
    due_at: datetime | None = None
    deadline_kind: str | None = None
    escalate_every_hours: float = 2.0
    updated_at: datetime | None = None
    """When the status last changed."""
    urgent: bool = False
    """The request's priority is urgent: its status changes are announced as urgent."""
    supporting: tuple[str, ...] = ()
    overseer: str | None = None
    answer_by: datetime | None = None
    paused_at: datetime | None = None
    citizen_reachable: bool = True
    assigned_at: datetime | None = None
    case_id: str | None = None
    """Set once this request was merged into another: it follows that case."""
    reporters: int = 1
    parties: tuple[tuple[str, Role], ...] = field(init=False)
    """Every agency with a part in the request, with its part: the lead first."""

    def __post_init__(self) -> None:
        found: list[tuple[str, Role]] = [(self.agency_code, "lead")]
        if self.overseer and self.overseer != self.agency_code:
            found.append((self.overseer, "overseer"))
        found += [(code, "supporting") for code in self.supporting if code not in dict(found)]
        object.__setattr__(self, "parties", tuple(found))

    def role_of(self, agency_code: str) -> Role | None:
        return dict(self.parties).get(agency_code)
