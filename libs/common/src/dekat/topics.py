"""Topic names are the contract between services: fixed here, nowhere else."""

from __future__ import annotations

REQUESTS_SUBMITTED = "requests.submitted.v1"
CITIZENS_CONTACT = "citizens.contact.v1"
REQUESTS_ASSIGNED = "requests.assigned.v1"
REQUESTS_STATUS = "requests.status.v1"
REQUESTS_FEEDBACK = "requests.feedback.v1"
NETWORK_AREAS = "network.areas.v1"
NETWORK_AGENCIES = "network.agencies.v1"

REQUEST_TOPICS = (
    REQUESTS_SUBMITTED,
    CITIZENS_CONTACT,
    REQUESTS_ASSIGNED,
    REQUESTS_STATUS,
    REQUESTS_FEEDBACK,
    NETWORK_AREAS,
    NETWORK_AGENCIES,
)

PARTITIONS = 6
"""Every topic keyed by request id; six partitions lets six instances share a group."""


def agency(agency_code: str) -> str:
    """The topic an agency reads its work from (every `dekat.payloads.AGENCY_EVENT_TYPES`)."""
    return f"agency.{agency_code}.requests.v1"


def agency_responses(agency_code: str) -> str:
    """The topic only that agency may write its responses to: the broker proves who answered."""
    return f"agency.{agency_code}.responses.v1"


def agency_topics(agency_code: str) -> list[str]:
    """An agency's two topics, and the DLQ where routing parks what it can never process."""
    return [agency(agency_code), *with_dlqs([agency_responses(agency_code)])]


def agency_of_responses(topic: str) -> str | None:
    """`agency.pam-jaya.responses.v1` → `pam-jaya`; None for any other topic."""
    prefix, suffix = "agency.", ".responses.v1"
    if topic.startswith(prefix) and topic.endswith(suffix) and len(topic) > len(prefix + suffix):
        return topic[len(prefix) : -len(suffix)]
    return None


def dlq(topic: str) -> str:
    """Where messages from `topic` that can never be processed are parked."""
    return f"{topic}.dlq"


def with_dlqs(topics: tuple[str, ...] | list[str]) -> list[str]:
    return [name for topic in topics for name in (topic, dlq(topic))]
