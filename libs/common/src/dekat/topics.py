"""Topic names are the contract between services: fixed here, nowhere else."""

from __future__ import annotations

REQUESTS_SUBMITTED = "requests.submitted.v1"
CITIZENS_CONTACT = "citizens.contact.v1"
REQUESTS_ASSIGNED = "requests.assigned.v1"
REQUESTS_STATUS = "requests.status.v1"
REQUESTS_FEEDBACK = "requests.feedback.v1"
AGENCY_RESPONSES = "agency.responses.v1"

REQUEST_TOPICS = (
    REQUESTS_SUBMITTED,
    CITIZENS_CONTACT,
    REQUESTS_ASSIGNED,
    REQUESTS_STATUS,
    REQUESTS_FEEDBACK,
    AGENCY_RESPONSES,
)

PARTITIONS = 6
"""Every topic keyed by request id; six partitions lets six instances share a group."""


def agency(agency_code: str) -> str:
    """The topic an agency reads its work items from."""
    return f"agency.{agency_code}.requests.v1"


def dlq(topic: str) -> str:
    """Where messages from `topic` that can never be processed are parked."""
    return f"{topic}.dlq"


def with_dlqs(topics: tuple[str, ...] | list[str]) -> list[str]:
    return [name for topic in topics for name in (topic, dlq(topic))]
