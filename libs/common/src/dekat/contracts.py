"""The topic contract as data: which events travel on which topic, keyed by what, from whom to whom.

docs/design.md ("Topics") says it in words; this says it to the code that documents it
(`dekat.asyncapi`). Every topic of `dekat.topics` has a channel here (its DLQ derives from it),
and every event type of `dekat.payloads` its payload model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dekat import payloads, topics
from dekat.payloads import Payload

PAYLOADS: dict[str, type[Payload]] = {
    payloads.SUBMITTED: payloads.RequestSubmitted,
    payloads.CONTACT: payloads.CitizenContact,
    payloads.ERASED: payloads.CitizenErased,
    payloads.ASSIGNED: payloads.RequestAssigned,
    payloads.STATUS_CHANGED: payloads.RequestStatusChanged,
    payloads.FEEDBACK: payloads.RequestFeedback,
    payloads.SURVEY_ANSWERED: payloads.RequestSurveyAnswered,
    payloads.AREA: payloads.NetworkArea,
    payloads.AGENCY: payloads.NetworkAgency,
    payloads.AGENCY_RESPONSE: payloads.AgencyResponse,
    payloads.WORK_ITEM: payloads.AgencyWorkItem,
    payloads.REQUEST_CHANGED: payloads.AgencyRequestChanged,
    payloads.RELEASED: payloads.AgencyRequestReleased,
    payloads.CITIZEN_MESSAGE: payloads.AgencyCitizenMessage,
    payloads.PARTNER_UPDATE: payloads.AgencyPartnerUpdate,
    payloads.ESCALATION: payloads.AgencyEscalation,
    payloads.ACTION_REFUSED: payloads.AgencyActionRefused,
}
"""Event type → the model of its `data`."""

AGENCY_CODE = "agency_code"
BY_REQUEST = "the request id (UTF-8): one request's events stay in order in one partition"


@dataclass(frozen=True)
class Channel:
    topic: str
    """The topic's name, or for one per agency its template: `agency.{agency_code}.requests.v1`."""
    events: tuple[str, ...]
    key: str
    producer: str
    consumers: str
    summary: str

    @property
    def parameters(self) -> tuple[str, ...]:
        return tuple(re.findall(r"\{(\w+)\}", self.topic))

    def matches(self, name: str) -> bool:
        """Whether `name` (a real topic) is this channel's topic."""
        pattern = re.escape(self.topic).replace(re.escape(f"{{{AGENCY_CODE}}}"), "[a-z0-9][a-z0-9-]*")
        return re.fullmatch(pattern, name) is not None

    def sample(self) -> str:
        """A real topic of this channel (an agency's, for a template)."""
        return self.topic.replace(f"{{{AGENCY_CODE}}}", "pam-jaya")


CHANNELS = (
    Channel(topics.REQUESTS_SUBMITTED, (payloads.SUBMITTED,), BY_REQUEST, "intake", "routing",
            "A request was accepted: its facts (never who asked, unless they consented to share it)."),
    Channel(topics.CITIZENS_CONTACT, (payloads.CONTACT, payloads.ERASED), BY_REQUEST, "intake", "notify",
            "How to reach one reporter of a request (restricted: the only topic with contact details); "
            "`citizen.erased` once the request has been done long enough: forget them."),
    Channel(topics.REQUESTS_ASSIGNED, (payloads.ASSIGNED,), BY_REQUEST, "routing", "intake, notify",
            "Who leads the request (and who supports it), why, and by when."),
    Channel(topics.REQUESTS_STATUS, (payloads.STATUS_CHANGED,), BY_REQUEST, "routing", "intake, notify",
            "Every change of a request, numbered per request (`status_seq`)."),
    Channel(topics.REQUESTS_FEEDBACK, (payloads.FEEDBACK, payloads.SURVEY_ANSWERED), BY_REQUEST, "intake",
            "routing, intake (public figures)", "What a citizen said: a rating, a contest, an answer to a "
            "question, following a case, a satisfaction survey (SKM)."),
    Channel(topics.NETWORK_AREAS, (payloads.AREA,), "the area code (UTF-8)", "routing", "intake",
            "Every area of the network, with its geometry and the network's revision."),
    Channel(topics.NETWORK_AGENCIES, (payloads.AGENCY,), "the agency code (UTF-8)", "routing",
            "intake (public figures)", "Every agency of the network: its name, kind, supervisor, calendars "
            "and the network's revision."),
    Channel(topics.agency(f"{{{AGENCY_CODE}}}"), payloads.AGENCY_EVENT_TYPES, BY_REQUEST, "routing",
            "that agency", "Everything the agency needs to keep a correct copy of its queue; ignore types "
            "you do not know."),
    Channel(topics.agency_responses(f"{{{AGENCY_CODE}}}"), (payloads.AGENCY_RESPONSE,), BY_REQUEST,
            "that agency", "routing", "What the agency did with a request. The agency is the topic's "
            "(the broker's ACLs let only it write here), never a field."),
)  # fmt: skip

DLQ_HEADERS = {
    "x-error": "Why it could never be processed",
    "x-orig-topic": "The topic it was read from",
    "x-orig-partition": "Its partition there",
    "x-orig-offset": "Its offset there",
    "x-consumer-group": "The consumer group that parked it",
}


def produced_by(service: str) -> list[str]:
    """The topics (names or templates) `service` produces, by the contract."""
    return [c.topic for c in CHANNELS if c.producer == service]


def channel_of(topic: str) -> Channel:
    """The channel a real topic (or a channel's template) belongs to; for a DLQ, its original's."""
    if (found := find(topic)) is None:
        raise KeyError(f"{topic} is not in the topic contract (dekat.contracts.CHANNELS)")
    return found


def find(topic: str) -> Channel | None:
    original = topic.removesuffix(".dlq")
    return next((c for c in CHANNELS if original in (c.topic, c.sample()) or c.matches(original)), None)


def of_pattern(pattern: str) -> Channel | None:
    """The channel a pattern subscription (a regular expression over topic names) reads."""
    return next((c for c in CHANNELS if re.fullmatch(pattern, c.sample())), None)
