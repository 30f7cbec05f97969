"""The `data` of every event type (docs/design.md, "Topics"; the words are in `dekat.vocabulary`).

Consumers ignore fields they do not know, so producers may add fields freely; removing or
changing one is a new topic version.

One request travels as one type: `RequestFacts` is what intake learned about a request (never
who asked). `request.submitted` is the facts plus a consented identity; every agency event that
hands work over (`agency.work_item`) carries the same facts. A new fact is a field here, and the
line in intake that fills it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, EmailStr, Field

from dekat.vocabulary import (
    AgencyAction,
    AgencyKind,
    ChangeKind,
    CitizenAction,
    ContactChannel,
    Deadline,
    EscalationStep,
    Language,
    Origin,
    Priority,
    Privacy,
    Role,
    Status,
    SurveyElement,
)

SUBMITTED = "request.submitted"
CONTACT = "citizen.contact"
ERASED = "citizen.erased"
ASSIGNED = "request.assigned"
STATUS_CHANGED = "request.status_changed"
FEEDBACK = "request.feedback"
SURVEY_ANSWERED = "request.survey_answered"
AREA = "network.area"
AGENCY = "network.agency"
AGENCY_RESPONSE = "agency.response"

WORK_ITEM = "agency.work_item"
REQUEST_CHANGED = "agency.request_changed"
RELEASED = "agency.request_released"
CITIZEN_MESSAGE = "agency.citizen_message"
PARTNER_UPDATE = "agency.partner_update"
ESCALATION = "agency.escalation"
ACTION_REFUSED = "agency.action_refused"
AGENCY_EVENT_TYPES = (
    WORK_ITEM,
    REQUEST_CHANGED,
    RELEASED,
    CITIZEN_MESSAGE,
    PARTNER_UPDATE,
    ESCALATION,
    ACTION_REFUSED,
)
"""What an agency finds on its topic. Agency consumers ignore types they do not know."""


class Payload(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore", use_attribute_docstrings=True)


class SharedIdentity(Payload):
    """Who the citizen is, for a public request whose citizen agreed to share it with the agency."""

    name: str | None = None
    phone: str | None = None
    email: str | None = None


class AgencyRef(Payload):
    code: str
    name: str


class Photo(Payload):
    """A photo the citizen attached; intake stores it, the link opens only for the agencies working it."""

    photo_id: str
    content_type: str
    url: str


class RequestFacts(Payload):
    """What was asked, where, and how urgently: what every service may know of a request.

    Never who asked (that is `citizens.contact.v1`); contact details typed into the description
    are masked before it leaves intake, unless the citizen consented to share who they are.
    """

    request_id: str
    tracking_code: str
    service_code: str
    service_name: dict[Language, str] = {}
    """The service as the catalogue names it, in each language (agencies and reasons read it)."""
    description: str
    lat: float | None = None
    long: float | None = None
    address: str | None = None
    area_code: str | None = None
    """The kelurahan (or kecamatan) the citizen chose from the network's areas, if any."""
    channel: Origin = "web"
    """Where the request came in (an *origin*; the field keeps its contract name)."""
    privacy: Privacy = "public"
    attributes: dict[str, str] = {}
    submitted_at: datetime | None = None
    priority: Priority = "normal"
    photos: list[Photo] = []
    citizen_reachable: bool = True
    """False for an anonymous citizen or one without a channel: they read questions only on
    their tracking page, and are never sent a reminder."""


class RequestSubmitted(RequestFacts):
    """intake → routing. Carries no contact details, except `shared_identity` when consented."""

    submitted_at: datetime
    shared_identity: SharedIdentity | None = None
    """Only for public requests whose citizen consented; routing may pass it to the agency."""


class CitizenContact(Payload):
    """intake → notify, on the restricted topic: the only place contact details travel."""

    request_id: str
    tracking_code: str
    reporter_id: str | None = None
    """One of possibly many reporters of the request (a citizen who followed it is another);
    None for the one who submitted it."""
    link_token: str | None = None
    """This reporter's secret for the signed links in their messages (rate, answer, contest)."""
    name: str | None = None
    email: EmailStr | None = None
    phone: str | None = None
    language: Language = "id"
    channels: list[ContactChannel] = ["email"]
    """Preferred channels in order."""
    timezone: str = "Asia/Jakarta"
    privacy: Privacy = "public"
    submitted_at: datetime | None = None
    urgent: bool = False
    """The request is urgent: telling the citizen it was received does not wait for quiet hours."""


class CitizenErased(Payload):
    """intake → notify, on `citizens.contact.v1` (after every contact of the request, in its
    partition): the request has been done long enough (`DEKAT_ERASE_AFTER_DAYS`); forget how to
    reach every reporter whose messages are about it. Carries nothing personal."""

    request_id: str
    erased_at: datetime
    done_since: datetime
    """When the request was resolved or closed (its last status change)."""


class RequestAssigned(Payload):
    """routing → intake, notify, ops: who handles the request, why, and by when."""

    request_id: str
    agency_code: str
    agency_name: str
    supporting_agencies: list[str] = []
    supporting: list[AgencyRef] = []
    """The same agencies as `supporting_agencies`, with their names: the citizen sees who helps."""
    reasons: list[str]
    """In English, for operators; `explanation` has them in every language."""
    explanation: dict[Language, list[str]] = {}
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
    """routing → intake, notify: every change of a request, numbered per request (`status_seq`).

    `status` is always the request's status after the change; only `change == "status"` moves it.
    """

    request_id: str
    status: Status
    status_seq: int
    change: ChangeKind = "status"
    reason: str | None = None
    """Why, as a code the reader words in its own language: `rated`, `unanswered`, `answered`,
    `withdrawn`, `continued`, `contested`, `not_ours`, `transferred`, `merged`."""
    agency_code: str | None = None
    agency_name: str | None = None
    """The agency holding the request."""
    by_agency: AgencyRef | None = None
    """The agency that acted, when it is not the holder (a supporting agency's update)."""
    note: str | None = None
    """For the citizen, in an agency's own words: the resolution, the question, the reason."""
    changed_at: datetime
    deadline: datetime | None = None
    """The next deadline that now applies, if any: for `info_requested`, the citizen's."""
    urgent: bool = False
    """Urgent changes are sent even in the citizen's quiet hours."""
    escalation: EscalationStep | None = None
    """For an escalation: which step was taken; notify words it in the citizen's language."""
    escalated_to: str | None = None
    """For an escalation: the name of the agency told (the holder itself for a reminder)."""
    missed: Deadline | None = None
    """For an escalation: which deadline the holder missed."""
    merged_into: str | None = None
    """For `closed` with reason `merged`: the request id of the case this one now follows."""


class RequestFeedback(Payload):
    """intake → routing: what the citizen said: a rating, a contest, an answer to a question."""

    request_id: str
    action: CitizenAction
    rating: int | None = None
    comment: str | None = None
    given_at: datetime | None = None
    reporter_id: str | None = None
    """Which reporter said it (None: the one who submitted); one rating per reporter."""


class RequestSurveyAnswered(Payload):
    """intake → routing and intake's public figures (on `requests.feedback.v1`): one reporter's
    answers to the satisfaction survey (SKM) about a resolved request. The same reporter may answer
    again within 7 days of the resolution; the newest answer (`answered_at`) replaces the older."""

    request_id: str
    reporter_id: str
    answers: dict[SurveyElement, Annotated[int, Field(ge=1, le=4)] | None]
    """Every element, 1 (not good) to 4 (very good); None when the citizen left it out (not applicable)."""
    comment: str | None = None
    """The citizen's suggestion, in their words: never published."""
    answered_at: datetime


class NetworkArea(Payload):
    """routing → intake (`network.areas.v1`, keyed by area code): where Dekat serves, for the
    portal's place chooser and for refusing a location outside every area."""

    code: str
    name: str
    level: Literal["province", "city", "kecamatan", "kelurahan"]
    parent: str | None = None
    geometry: dict[str, object]
    revision: int
    """Bigger for every change of the network; an older copy never overwrites a newer one."""


class NetworkAgency(Payload):
    """routing → intake (`network.agencies.v1`, keyed by agency code): an agency of the network, for
    the public figures: its name, its kind, and the calendars its working hours are counted in."""

    code: str
    name: str
    kind: AgencyKind
    supervisor: str | None = None
    calendar: dict[str, object]
    """The working calendar (`dekat.calendars.parse` reads it): zone, hours, weekdays, holidays."""
    on_call: bool | dict[str, object] = False
    """`true`: on call round the clock; a calendar: on call in those hours; `false`: no on-call cover."""
    revision: int
    """The network's revision when it was announced; an older copy never overwrites a newer one."""


class AgencyHistoryEntry(Payload):
    """One thing that happened to the request, as an agency that takes it over reads it."""

    at: datetime
    kind: Literal["status", "citizen_message", "partner_update", "escalated"]
    status: Status | None = None
    by: str | None = None
    """An agency's code, or `citizen`."""
    text: str | None = None


class AgencyWorkItem(RequestFacts):
    """routing → one agency: you now lead (or support, or oversee) this request.

    Sent on the first assignment, a transfer or re-route to you, a reopened request, a merge
    into a case you hold and the last step of an escalation: whatever the agency knew of the
    request before, this replaces it.
    """

    role: Role = "lead"
    status: Status = "assigned"
    status_seq: int = 1
    lead: AgencyRef | None = None
    assigned_at: datetime
    acknowledge_by: datetime | None = None
    resolve_by: datetime | None = None
    answer_by: datetime | None = None
    supporting_agencies: list[str] = []
    reporters: int = 1
    """How many citizens reported this case (merged requests and followers)."""
    possible_duplicates: list[str] = []
    """Open requests of the same service within about 150 m in the last 14 days: the agency may
    merge this one into one of them (action `merge`), or keep them apart."""
    history: list[AgencyHistoryEntry] = []
    shared_identity: SharedIdentity | None = None
    """Only for public requests whose citizen consented to share who they are with the agency."""


class AgencyRequestChanged(Payload):
    """routing → each agency with a part in the request: its status or deadlines changed."""

    request_id: str
    role: Role
    status: Status
    status_seq: int
    reason: str | None = None
    note: str | None = None
    by: str | None = None
    """The agency code that acted, or `citizen`, or `routing` (a deadline, a merge)."""
    changed_at: datetime
    acknowledge_by: datetime | None = None
    resolve_by: datetime | None = None
    answer_by: datetime | None = None
    reporters: int = 1


class AgencyRequestReleased(Payload):
    """routing → an agency: the request is no longer yours to work; drop it from your queue."""

    request_id: str
    status_seq: int
    reason: Literal["rejected", "transferred", "rerouted", "merged", "support_ended"]
    now_with: str | None = None
    """The agency (or, for a merge, the case's request id) that has it now."""
    released_at: datetime


class AgencyCitizenMessage(Payload):
    """routing → the agencies working a request: what the citizen said, in their words."""

    request_id: str
    status_seq: int
    kind: Literal["answer", "contest", "rating"]
    text: str | None = None
    rating: int | None = None
    said_at: datetime


class AgencyPartnerUpdate(Payload):
    """routing → the other agencies working a request: an update one of them added."""

    request_id: str
    status_seq: int
    by: AgencyRef
    role: Role
    note: str
    at: datetime


class AgencyEscalation(Payload):
    """routing → an agency: a deadline passed on a request it holds or supervises."""

    request_id: str
    tracking_code: str
    holder_agency_code: str
    step: EscalationStep
    deadline: Deadline
    due_at: datetime
    note: str
    escalated_at: datetime
    last_step: bool = False
    """The ladder ends here: the agency told now oversees the request with the lead's powers."""


class AgencyActionRefused(Payload):
    """routing → an agency, on its own topic: the response it sent changed nothing, and why."""

    request_id: str
    action: str
    field: str
    problem: str
    response_event_id: str
    refused_at: datetime


class AgencyResponse(Payload):
    """An agency → routing, on `agency.<code>.responses.v1`: what it did with a request.

    The agency is the topic's (the broker's ACLs prove who may write there); `agency_code`
    is kept for old clients and ignored.
    """

    request_id: str
    action: AgencyAction
    note: str | None = None
    transfer_to: str | None = None
    merge_into: str | None = None
    """For `merge`: the request id of the case this request is a duplicate of."""
    agency_code: str | None = None
