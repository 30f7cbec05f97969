"""The fault suite's ledger judges from what the outside world received: an agency that got one
event twice was assigned once, two assignments are a duplicate, a mail twice is a duplicate, a
missing message is a loss, a later change told first moves the status backwards."""

from __future__ import annotations

import uuid
from dataclasses import replace

from tests.faults.ledger import AgencyRecord, World, expected_ids, verdict
from tests.faults.load import Sent

REQUEST = str(uuid.uuid4())
MAIL = Sent(1, "a fault", "email", "w1@faults.example.id", "k-1", 0.0, REQUEST, 1.0)
SMS = replace(MAIL, channel="sms", address="+62 812 0000001")
WORK = AgencyRecord("e-1", "agency.work_item", 1)


def world(*records: AgencyRecord, mails: list[str] | None = None, texts: list[str] | None = None) -> World:
    return World(
        agencies={REQUEST: list(records)},
        mails={MAIL.address: [f"<{i}@dekat.local>" for i in mails or []]},
        texts={SMS.address: texts or []},
    )


def test_a_work_item_and_a_mail_per_change_is_delivered_once() -> None:
    found = verdict(MAIL, world(WORK, mails=expected_ids(MAIL)))
    assert (found.delivered, found.duplicated, found.backwards) == (True, False, False)


def test_one_event_read_twice_is_one_assignment() -> None:
    found = verdict(SMS, world(WORK, WORK, texts=expected_ids(SMS)))
    assert (found.delivered, found.duplicated, found.copies) == (True, False, 2)


def test_two_work_items_are_two_assignments() -> None:
    second = replace(WORK, event_id="e-2")
    assert verdict(SMS, world(WORK, second, texts=expected_ids(SMS))).duplicated


def test_the_same_mail_twice_is_a_duplicate() -> None:
    received, assigned = expected_ids(MAIL)
    assert verdict(MAIL, world(WORK, mails=[received, assigned, assigned])).duplicated


def test_a_change_never_told_is_lost_and_so_is_a_request_no_agency_got() -> None:
    received, _ = expected_ids(MAIL)
    assert not verdict(MAIL, world(WORK, mails=[received])).delivered
    assert not verdict(SMS, world(texts=expected_ids(SMS))).delivered


def test_a_request_its_agency_acknowledges_is_delivered_once_the_citizen_is_told_of_that_too() -> None:
    acted_on = replace(MAIL, n=3)
    received, assigned, acknowledged = expected_ids(acted_on)
    assert not verdict(acted_on, world(WORK, mails=[received, assigned])).delivered
    assert not verdict(acted_on, world(WORK, mails=[received, assigned, acknowledged])).delivered  # not acted
    assert verdict(
        replace(acted_on, acted=2.0), world(WORK, mails=[received, assigned, acknowledged])
    ).delivered


def test_an_event_without_a_sequence_moves_nothing_backwards() -> None:
    refused = AgencyRecord("e-9", "agency.action_refused", None)
    assert not verdict(SMS, world(WORK, refused, texts=expected_ids(SMS))).backwards


def test_the_assignment_told_before_the_receipt_moves_backwards() -> None:
    received, assigned = expected_ids(SMS)
    assert verdict(SMS, world(WORK, texts=[assigned, received])).backwards
    older = replace(WORK, event_id="e-0", type="agency.request_changed", status_seq=0)
    assert verdict(SMS, world(WORK, older, texts=[received, assigned])).backwards


def test_a_redelivered_copy_of_an_older_event_moves_nothing_backwards() -> None:
    changed = AgencyRecord("e-2", "agency.request_changed", 2)
    assert not verdict(SMS, world(WORK, changed, WORK, texts=expected_ids(SMS))).backwards
