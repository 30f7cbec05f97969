"""The projection folds a request from its facts, whatever order they came in, and keeps no person."""

from __future__ import annotations

import itertools
from datetime import timedelta

from dekat.calendars import Calendar
from intake.projection import durations, facts
from intake.projection.durations import WorkingTime
from intake.projection.facts import Place

from tests.unit.intake import history
from tests.unit.intake.history import IDENTITY, at, fact_of, life, new_id, status


def test_any_order_of_the_facts_folds_into_the_same_request() -> None:
    rid = new_id()
    events = [
        *life(rid),
        status(rid, 4, at(1, 12), "reopened"),
        status(rid, 5, at(1, 13), "reopened", change="escalated"),
    ]
    found = {facts.fold(rid, [fact_of(e) for e in order]) for order in itertools.permutations(events)}
    assert len(found) == 1
    (record,) = found
    assert (record.status, record.status_seq, record.reopened, record.escalated) == ("reopened", 4, 1, 1)
    assert record.acknowledged_at == at(0, 11)
    assert record.resolved_at == at(0, 18)


def test_a_not_ours_bounces_the_assignment_and_the_next_holder_starts_afresh() -> None:
    rid = new_id()
    events = [
        history.submitted(rid, at(0, 9)),
        history.assigned(rid, 1, at(0, 9.1), "pam-jaya", acknowledge_by=at(0, 13)),
        status(rid, 2, at(0, 10), "acknowledged", "pam-jaya"),
        status(rid, 3, at(0, 11), "rejected", "pam-jaya", reason="not_ours"),
        history.assigned(rid, 4, at(0, 11), "dinas-bina-marga", acknowledge_by=at(0, 15)),
    ]
    record = facts.fold(rid, [fact_of(e) for e in events])
    assert record.agency_code == "dinas-bina-marga"
    assert [(a.agency, a.bounced) for a in record.assignments] == [
        ("pam-jaya", True),
        ("dinas-bina-marga", False),
    ]
    assert (record.first_assigned_at, record.assigned_at) == (at(0, 9.1), at(0, 11))
    assert record.acknowledged_at is None
    assert (record.status, record.acknowledge_by) == ("assigned", at(0, 15))


def test_a_status_event_before_its_submission_still_folds_once_the_submission_comes() -> None:
    rid = new_id()
    first, given, acknowledged, resolved = life(rid)
    early = facts.fold(rid, [fact_of(resolved), fact_of(acknowledged)])
    assert early.service_code is None
    assert early.resolved_at == at(0, 18)
    later = facts.fold(rid, [fact_of(e) for e in (resolved, acknowledged, first, given)])
    assert later.service_code == "pothole"
    assert later.submitted_at == at(0, 9)


def test_an_update_or_a_reminder_changes_nothing() -> None:
    rid = new_id()
    events = life(rid, resolved=None)
    update = status(rid, 3, at(0, 12), "acknowledged", change="update", note="we are on it")
    assert facts.fold(rid, [fact_of(e) for e in events]) == facts.fold(
        rid, [fact_of(e) for e in [*events, update]]
    )


def test_the_resolve_deadline_moves_when_the_agency_goes_on_after_a_question() -> None:
    rid = new_id()
    events = [*life(rid, resolved=None), status(rid, 3, at(1, 9), "acknowledged", deadline=at(2, 16))]
    assert facts.fold(rid, [fact_of(e) for e in events]).resolve_by == at(2, 16)


def test_a_public_request_keeps_its_masked_words_and_a_rounded_place_and_nobody() -> None:
    rid = new_id()
    event = history.submitted(
        rid,
        at(0, 9),
        description="Hubungi saya di 0812 3456 7890 atau siti@example.id",
        shared_identity=IDENTITY,
    )
    kept = str(fact_of(event).data)
    assert "0•••" in kept
    assert "3456" not in kept
    assert "siti@example.id" not in kept
    assert "Siti" not in kept
    assert "DK-2345-6789" not in kept
    record = facts.fold(rid, [fact_of(event)])
    assert (record.lat, record.long) == (-6.195, 106.835)


def test_a_confidential_request_keeps_neither_its_words_nor_its_place() -> None:
    rid = new_id()
    event = history.submitted(rid, at(0, 9), privacy="confidential")
    record = facts.fold(rid, [fact_of(event, Place("kel-menteng", "kec-menteng"))])
    assert (record.description, record.lat, record.long) == (None, None, None)
    assert record.place == Place("kel-menteng", "kec-menteng")


OFFICE = WorkingTime(Calendar(), None, 1)
"""08:00-16:00 Monday to Friday, Jakarta; closed on national holidays."""


def test_durations_count_the_holders_working_hours() -> None:
    rid = new_id()
    # Friday 15:00 → assigned 15:06 (0.1 h); acknowledged Monday 9:00 (0.9 + 1 h); resolved Tuesday 10:00:
    # Friday 1 h + Monday 8 h + Tuesday 2 h = 11 h
    events = life(rid, day=4, hour=15, acknowledged=66, resolved=91)
    hours = durations.hours(facts.fold(rid, [fact_of(e) for e in events]), OFFICE)
    assert (hours.to_assign, hours.to_acknowledge, hours.to_resolve) == (0.1, 1.9, 11.0)


def test_an_urgent_request_counts_the_on_call_hours() -> None:
    rid = new_id()
    events = life(rid, day=5, hour=20, acknowledged=1, resolved=2, priority="urgent")
    record = facts.fold(rid, [fact_of(e) for e in events])
    assert record.urgent
    on_call = WorkingTime(Calendar(), durations.on_call_of(True), 1)
    assert durations.hours(record, on_call).to_resolve == 2.0
    assert durations.hours(record, OFFICE).to_resolve == 0.0  # a Saturday night: no office hour


def test_no_duration_before_the_agencys_calendar_is_known() -> None:
    rid = new_id()
    record = facts.fold(rid, [fact_of(e) for e in life(rid)])
    assert durations.hours(record, None) == durations.Hours()
    assert record.resolved_at is not None
    assert record.submitted_at is not None
    assert record.resolved_at - record.submitted_at == timedelta(hours=9)
