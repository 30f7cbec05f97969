"""A request as routing holds it: what was asked, and where it stands with its agency."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from dekat.payloads import RequestSubmitted
from dekat.vocabulary import Status

from routing.decisions import Request


@dataclass(frozen=True)
class Submission:
    """The request as submitted; routing never holds contact details."""

    request_id: str
    tracking_code: str
    service_code: str
    description: str
    lat: float | None = None
    long: float | None = None
    address: str | None = None
    attributes: dict[str, str] = field(default_factory=dict)
    priority: str = "normal"
    submitted_at: datetime | None = None
    privacy: str = "public"
    shared_identity: dict[str, str] | None = None
    """Only ever set for a public request whose citizen consented."""
    area_code: str | None = None
    """The area the citizen chose, if any."""

    @property
    def urgent(self) -> bool:
        """Its citizen hears of every change even in quiet hours."""
        return self.priority == "urgent"

    @classmethod
    def of(cls, s: RequestSubmitted) -> Submission:
        consented = s.shared_identity if s.privacy == "public" else None
        return cls(
            s.request_id,
            s.tracking_code,
            s.service_code,
            s.description,
            s.lat,
            s.long,
            s.address,
            dict(s.attributes),
            s.priority,
            s.submitted_at,
            s.privacy,
            consented.model_dump(exclude_none=True) if consented else None,
            s.area_code,
        )

    def to_request(self) -> Request:
        return Request(
            self.request_id, self.service_code, self.lat, self.long, self.priority, self.attributes,
            address=self.address, area_code=self.area_code,
        )  # fmt: skip


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
