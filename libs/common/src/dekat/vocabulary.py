"""The words every service shares, each defined once: statuses, actions, origins, channels, roles.

A request's life (docs/design.md, "Request life"):
`received → assigned → acknowledged → in_progress ⇄ info_requested → resolved → closed`, plus
`rejected` and `transferred` (each followed at once by a new assignment) and `reopened`.
An escalation, an agency's update or a citizen's message is a *change* of the request that
leaves its status where it is (`ChangeKind`), so there is one truth about the status.
"""

from __future__ import annotations

from typing import Literal, get_args

Status = Literal[
    "received",
    "assigned",
    "acknowledged",
    "in_progress",
    "info_requested",
    "resolved",
    "closed",
    "rejected",
    "transferred",
    "reopened",
]
STATUSES: tuple[Status, ...] = get_args(Status)

OPEN: tuple[Status, ...] = ("assigned", "acknowledged", "in_progress", "info_requested", "reopened")
"""An agency holds the request and has work to do (or is waiting for the citizen)."""
DONE: tuple[Status, ...] = ("resolved", "closed")
"""Open311 shows these as `closed`, every other status as `open`."""

ChangeKind = Literal["status", "escalated", "update", "reminder"]
"""What a `request.status_changed` event reports: the status moved (`status`), a deadline passed
(`escalated`), an agency added an update (`update`), the citizen was reminded of a question
(`reminder`). Only `status` moves the status."""

AgencyAction = Literal[
    "acknowledge",
    "start",
    "request_info",
    "withdraw_question",
    "continue",
    "close_unanswered",
    "resolve",
    "reject",
    "transfer",
    "update",
    "merge",
]
AGENCY_ACTIONS: tuple[AgencyAction, ...] = get_args(AgencyAction)

CitizenAction = Literal["rate", "reopen", "provide_info", "follow"]
"""`follow`: another citizen reports the same problem and follows the case."""

Origin = Literal["web", "open311", "counter", "mobile"]
"""Where a request came in. Travels in the field `channel` of `request.submitted` (a name the
contract keeps); inside the code it is an *origin*, never a channel."""

ContactChannel = Literal["email", "sms", "whatsapp"]
"""How a citizen is told. In the code, "channel" means only this."""
CONTACT_CHANNELS: tuple[ContactChannel, ...] = get_args(ContactChannel)

Language = Literal["id", "en"]
LANGUAGES: tuple[Language, ...] = get_args(Language)

Privacy = Literal["public", "confidential", "anonymous"]
Priority = Literal["normal", "urgent"]

Role = Literal["lead", "supporting", "overseer"]
"""An agency's part in a request: it leads it, supports the lead, or (after the last step of an
escalation) oversees it with the lead's powers."""

EscalationStep = Literal["reminder", "supervisor", "coordinator"]
Deadline = Literal["acknowledge", "resolve", "answer"]
"""`answer`: the citizen's time to answer an agency's question."""

AgencyKind = Literal["government", "utility", "ngo", "private"]
"""What kind of institution an agency is: a government office, a utility, an NGO, a private partner."""
AGENCY_KINDS: tuple[AgencyKind, ...] = get_args(AgencyKind)

SurveyElement = Literal[
    "requirements",
    "procedure",
    "time",
    "cost",
    "product",
    "competence",
    "conduct",
    "complaints",
    "facilities",
]
"""The nine elements (unsur U1-U9) of the Survei Kepuasan Masyarakat (SKM, PermenPANRB 14/2017), in
its order: requirements; system, mechanism and procedure; completion time; cost or tariff; the
product; staff competence; staff conduct; handling of complaints and suggestions; facilities.
Each is answered 1 (not good) to 4 (very good), or left out as not applicable."""
SURVEY_ELEMENTS: tuple[SurveyElement, ...] = get_args(SurveyElement)
