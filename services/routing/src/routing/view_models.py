"""The shapes of what routing's HTTP API answers (its OpenAPI document); `views` fills them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from dekat.payloads import Photo, SharedIdentity
from dekat.vocabulary import Language, Priority, Privacy, Role, Status
from pydantic import BaseModel


class Decision(BaseModel):
    agency_code: str
    previous_agency_code: str | None
    outcome: str
    rule_id: str | None
    rule_version: int
    reasons: list[str]
    explanation: dict[Language, list[str]]
    decided_at: datetime


class Explanation(BaseModel):
    """Who holds the request, why (in English and in `explanation` every language), by when."""

    request_id: str
    agency_code: str
    agency_name: str
    status: Status
    status_seq: int
    reasons: list[str]
    rule_id: str | None
    rule_version: int
    supporting: list[str]
    assigned_at: datetime
    acknowledge_by: datetime | None
    resolve_by: datetime | None
    escalation_step: int
    explanation: dict[Language, list[str]]
    decisions: list[Decision]


class AgencyWithLoad(BaseModel):
    code: str
    name: str
    kind: str
    supervisor: str | None
    capacity: int
    calendar: dict[str, Any]
    handles: list[dict[str, Any]]
    on_call: bool | dict[str, Any]
    open_requests: int


class AgencyPage(BaseModel):
    total: int
    limit: int
    offset: int
    agencies: list[AgencyWithLoad]


class QueueEntry(BaseModel):
    """A request as it stands in an agency's queue, with the agency's part in it."""

    request_id: str
    role: Role
    agency_code: str
    agency_name: str
    status: Status
    status_seq: int
    reasons: list[str]
    rule_id: str | None
    rule_version: int
    supporting: list[str]
    overseer: str | None
    assigned_at: datetime
    acknowledge_by: datetime | None
    resolve_by: datetime | None
    answer_by: datetime | None
    deadline_kind: str | None
    due_at: datetime | None
    escalation_step: int
    tracking_code: str
    service_code: str
    description: str
    lat: float | None
    long: float | None
    address: str | None
    attributes: dict[str, Any]
    priority: Priority
    privacy: Privacy
    reporters: int
    case_id: str | None
    """The case this request was merged into, if it was."""


class HistoryEntry(BaseModel):
    status_seq: int
    kind: str
    status: Status | None
    by: str
    staff: str | None
    text: str | None
    at: datetime


class AgencyRequest(QueueEntry):
    """Everything the agency may know of a request it works: facts, state, history, photos."""

    photos: list[Photo]
    area_code: str | None
    citizen_reachable: bool
    shared_identity: SharedIdentity | None
    """Only for the lead of a public request whose citizen consented to share who they are."""
    possible_duplicates: list[str]
    history: list[HistoryEntry]


class ActionTaken(BaseModel):
    request_id: str
    status: Status


class Coverage(BaseModel):
    services: list[str]
    areas: list[str]


class AgencyDocument(BaseModel):
    """An agency as the network files and the admin API write it."""

    code: str
    name: str
    kind: str
    supervisor: str | None
    capacity: int
    calendar: dict[str, Any]
    handles: list[Coverage]
    on_call: bool | dict[str, Any]
    active: bool = True
    """A disabled agency gets no new work and has no access to Kafka."""


class KafkaConnection(BaseModel):
    """How an agency connects to Kafka; `password` only when it was just issued (shown once)."""

    username: str
    sasl_mechanism: str | None = None
    security_protocol: str | None = None
    requests_topic: str | None = None
    responses_topic: str | None = None
    consumer_group_prefix: str | None = None
    password: str | None = None
    revoked: bool | None = None
    """True once the agency is disabled: its user and ACLs are gone."""


class AgencyChanged(AgencyDocument):
    kafka: KafkaConnection


class KafkaCredentials(BaseModel):
    agency_code: str
    kafka: KafkaConnection


class AreaFeature(BaseModel):
    """A GeoJSON feature: `properties` has `code`, `name`, `level` and `parent`."""

    type: str
    properties: dict[str, Any]
    geometry: dict[str, Any]


class AreaCollection(BaseModel):
    type: str
    features: list[AreaFeature]


class NetworkDocument(BaseModel):
    coordinator: str
    agencies: list[AgencyDocument]
    areas: AreaCollection


class Bounce(BaseModel):
    rule_version: int
    rule_id: str
    agency_code: str
    bounces: int


class RulesDocument(BaseModel):
    version: int
    document: dict[str, Any]
    bounces: list[Bounce]
    """How often each rule's choice was refused by the agency it chose."""


class RulesVersion(BaseModel):
    version: int


class ChoiceSummary(BaseModel):
    agency_code: str
    rule_id: str | None
    reasons: list[str]


class Change(BaseModel):
    request_id: str
    service_code: str
    now: ChoiceSummary
    proposed: ChoiceSummary


class DryRun(BaseModel):
    considered: int
    changed: list[Change]


class IssuedKey(BaseModel):
    agency_code: str
    api_key: str
    """Shown once; routing keeps only its digest."""


class ClockMoved(BaseModel):
    now: datetime
    offset_seconds: float
