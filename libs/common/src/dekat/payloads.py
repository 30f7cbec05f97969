"""The `data` of every event type, one model per topic (DESIGN.md, "Topics").

Consumers ignore fields they do not know, so producers may add fields freely; removing or
changing one is a new topic version.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, EmailStr

Privacy = Literal["public", "confidential", "anonymous"]
Channel = Literal["web", "open311", "counter", "mobile"]
Language = Literal["id", "en"]
Priority = Literal["normal", "urgent"]

SUBMITTED = "request.submitted"
CONTACT = "citizen.contact"
ASSIGNED = "request.assigned"
STATUS_CHANGED = "request.status_changed"
FEEDBACK = "request.feedback"
WORK_ITEM = "agency.work_item"
AGENCY_RESPONSE = "agency.response"
ESCALATION = "agency.escalation"


class Payload(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")


class SharedIdentity(Payload):
    """Who the citizen is, for a public request whose citizen agreed to share it with the agency."""

    name: str | None = None
    phone: str | None = None
    email: str | None = None


class RequestSubmitted(Payload):
    """intake → routing. Carries no contact details, except `shared_identity` when consented."""

    request_id: str
    tracking_code: str
    service_code: str
    description: str
    lat: float | None = None
    long: float | None = None
    address: str | None = None
    channel: Channel
    privacy: Privacy = "public"
    attributes: dict[str, str] = {}
    submitted_at: datetime
    priority: Priority = "normal"
    shared_identity: SharedIdentity | None = None
    """Only for public requests whose citizen consented; routing may pass it to the agency."""


class CitizenContact(Payload):
    """intake → notify, on the restricted topic: the only place contact details travel."""

    request_id: str
    tracking_code: str
    name: str | None = None
    email: EmailStr | None = None
    phone: str | None = None
    language: Language = "id"
    channels: list[str] = ["email"]
    """Preferred channels in order: "email", "sms", "whatsapp"."""
    timezone: str = "Asia/Jakarta"
    privacy: Privacy = "public"
    submitted_at: datetime | None = None
    urgent: bool = False
    """The request is urgent: telling the citizen it was received does not wait for quiet hours."""


class RequestAssigned(Payload):
    """routing → intake, notify, ops: who handles the request, why, and by when."""

    request_id: str
    agency_code: str
    agency_name: str
    supporting_agencies: list[str] = []
    reasons: list[str]
    rule_version: int
    status_seq: int
    assigned_at: datetime
    acknowledge_by: datetime | None = None
    resolve_by: datetime | None = None
    previous_agency_code: str | None = None
    """Set when this assignment re-routes the request away from another agency."""
    urgent: bool = False
    """Like `RequestStatusChanged.urgent`: the citizen hears of it even in quiet hours."""


class RequestStatusChanged(Payload):
    """routing → intake, notify: every status change, numbered per request."""

    request_id: str
    status: str
    status_seq: int
    agency_code: str | None = None
    agency_name: str | None = None
    note: str | None = None
    """For the citizen, in an agency's words: the resolution note, what information is needed."""
    changed_at: datetime
    deadline: datetime | None = None
    """The next deadline that now applies, if any."""
    urgent: bool = False
    """Urgent changes are sent even in the citizen's quiet hours."""
    escalation: Literal["reminder", "supervisor", "coordinator"] | None = None
    """For an escalation: which step was taken; notify words it in the citizen's language."""
    escalated_to: str | None = None
    """For an escalation: the name of the agency told (the holder itself for a reminder)."""
    missed: Literal["acknowledge", "resolve"] | None = None
    """For an escalation: which deadline the holder missed."""


class RequestFeedback(Payload):
    """intake → routing: the citizen's rating, or a contested resolution."""

    request_id: str
    action: Literal["rate", "reopen", "provide_info"]
    rating: int | None = None
    comment: str | None = None
    given_at: datetime | None = None


class AgencyWorkItem(Payload):
    """routing → one agency: the work, redacted of anything that identifies the citizen."""

    request_id: str
    tracking_code: str
    service_code: str
    description: str
    lat: float | None = None
    long: float | None = None
    address: str | None = None
    attributes: dict[str, str] = {}
    assigned_at: datetime
    acknowledge_by: datetime | None = None
    resolve_by: datetime | None = None
    priority: Priority = "normal"
    supporting_agencies: list[str] = []
    shared_identity: SharedIdentity | None = None
    """Only for public requests whose citizen consented to share who they are with the agency."""


class AgencyEscalation(Payload):
    """routing → an agency: a deadline passed on a request it holds or supervises."""

    request_id: str
    tracking_code: str
    holder_agency_code: str
    step: Literal["reminder", "supervisor", "coordinator"]
    deadline: Literal["acknowledge", "resolve"]
    due_at: datetime
    note: str
    escalated_at: datetime


class AgencyResponse(Payload):
    """An agency → routing: what it did with a work item."""

    request_id: str
    agency_code: str
    action: Literal["acknowledge", "start", "request_info", "resolve", "reject", "transfer"]
    note: str | None = None
    transfer_to: str | None = None
