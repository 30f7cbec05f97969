"""What routing announces: work items (the citizen only when they consented), assignments, status changes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from dekat.payloads import (
    AgencyRef,
    AgencyWorkItem,
    RequestAssigned,
    RequestStatusChanged,
    RequestSubmitted,
    SharedIdentity,
)
from dekat.vocabulary import Role
from routing import announcements, queues
from routing.assignments import Assignment, Submission
from routing.deadlines import escalation
from routing.decisions import decide

from tests.unit.routing.builders import network, request, rule_set

NOW = datetime(2026, 3, 16, 2, 0, tzinfo=UTC)
DEWI = SharedIdentity(name="Dewi Lestari", phone="+62 813 1111 2222")
SUBMITTED: dict[str, Any] = {
    "request_id": "5b0f3c1e-9d1a-4f57-9a57-3d1b6f0e2c11",
    "tracking_code": "DK-7K3M-9QXA",
    "service_code": "flooding",
    "description": "Banjir selutut",
    "channel": "web",
    "submitted_at": NOW,
    "lat": 1.0,
    "long": 1.0,
}


def work_item(role: Role = "lead", **overrides: Any) -> AgencyWorkItem:
    submission = Submission.of(RequestSubmitted(**{**SUBMITTED, **overrides}))
    n = network()
    decision = decide(request("flooding", priority=submission.facts.priority), rule_set(), n, {}, NOW)
    held = Assignment(
        submission.request_id,
        decision.agency.code,
        "assigned",
        1,
        decision.rule_id,
        7,
        decision.acknowledge_by,
        decision.resolve_by,
        supporting=tuple(a.code for a in decision.supporting),
    )
    event = queues.work_item(submission, held, role, decision.agency, [], NOW, None)
    return event.payload(AgencyWorkItem)


def test_a_public_request_whose_citizen_consented_shows_who_they_are() -> None:
    assert work_item(privacy="public", shared_identity=DEWI).shared_identity == DEWI


@pytest.mark.parametrize("privacy", ["confidential", "anonymous"])
def test_a_confidential_or_anonymous_request_never_shows_who_they_are(privacy: str) -> None:
    item = work_item(privacy=privacy, shared_identity=DEWI)

    assert item.shared_identity is None
    assert "Dewi" not in item.model_dump_json()


def test_without_consent_nobody_is_named() -> None:
    assert work_item(privacy="public").shared_identity is None


def test_a_supporting_agency_sees_the_work_but_never_who_asked() -> None:
    item = work_item("supporting", privacy="public", shared_identity=DEWI, priority="urgent")

    assert (item.role, item.lead, item.shared_identity) == (
        "supporting",
        AgencyRef(code="dinas-sda", name="Dinas SDA"),
        None,
    )
    assert (item.service_code, item.description) == ("flooding", "Banjir selutut")


def test_a_new_fact_of_the_request_reaches_the_agency_without_routing_naming_it() -> None:
    item = work_item(area_code="kel-menteng", citizen_reachable=False)

    assert (item.area_code, item.citizen_reachable) == ("kel-menteng", False)


def test_the_work_item_carries_priority_and_supporting_agencies() -> None:
    item = work_item(priority="urgent")

    assert (item.priority, item.supporting_agencies) == ("urgent", ["pmi"])


def test_an_urgent_requests_assignment_is_announced_as_urgent() -> None:
    submission = Submission.of(RequestSubmitted(**{**SUBMITTED, "priority": "urgent"}))
    decision = decide(request("flooding", priority="urgent"), rule_set(), network(), {}, NOW)

    event = announcements.assigned(submission.request_id, decision, 1, NOW, None, urgent=submission.urgent)

    assert event.payload(RequestAssigned).urgent


def test_a_normal_requests_assignment_is_not_urgent() -> None:
    submission = Submission.of(RequestSubmitted(**SUBMITTED))
    decision = decide(request("flooding"), rule_set(), network(), {}, NOW)

    event = announcements.assigned(submission.request_id, decision, 1, NOW, None, urgent=submission.urgent)

    assert not event.payload(RequestAssigned).urgent


def test_an_urgent_requests_status_change_is_announced_as_urgent() -> None:
    agency = network().agencies["dinas-sda"]

    event = announcements.status_changed("r-1", "in_progress", 3, agency, NOW, None, urgent=True)

    assert event.payload(RequestStatusChanged).urgent


@pytest.mark.parametrize(
    ("step_index", "step", "told"),
    [(0, "reminder", "Sudin SDA"), (1, "supervisor", "Dinas SDA"), (2, "coordinator", "Mpp")],
)
def test_an_escalation_tells_the_citizen_the_step_and_who_was_told_without_english_prose(
    step_index: int, step: str, told: str
) -> None:
    n = network()
    holder = n.agencies["sudin-sda"]
    taken = escalation(step_index, "resolve", NOW, holder, n, every_hours=2)

    held = Assignment("r-1", "sudin-sda", "in_progress", 4, None, 1, NOW, NOW + timedelta(days=2))
    change = announcements.escalated(held, 5, holder, taken, NOW, urgent=True).payload(RequestStatusChanged)

    assert (change.status, change.change, change.escalation, change.escalated_to, change.missed) == (
        "in_progress",
        "escalated",
        step,
        told,
        "resolve",
    )
    assert (change.agency_name, change.note, change.deadline, change.urgent) == (
        "Sudin SDA",
        None,
        None,
        True,
    )


def test_a_photo_on_the_work_item_opens_through_the_agency_api_not_intake_directly() -> None:
    photo = {"photo_id": "p1", "content_type": "image/jpeg", "url": "http://intake/photos/p1"}

    (shown,) = work_item(photos=[photo]).photos

    assert shown.url == f"/v1/agency/requests/{SUBMITTED['request_id']}/photos/p1"
