from __future__ import annotations

from datetime import UTC, datetime, timedelta

from dekat.payloads import RequestAssigned
from notify.changes import Change, from_assigned
from notify.notifications import (
    Contact,
    Failed,
    Links,
    RetryPolicy,
    Sent,
    after_attempt,
    after_receipt,
    failover,
    first,
    retry_delay,
)
from notify.preferences import Preferences

NOON_JAKARTA = datetime(2025, 3, 10, 5, 0, tzinfo=UTC)
REQUEST_ID = "0b6c8f4e-2a51-4c1e-9d43-5f7e2b8a6c10"
LINKS = Links("http://127.0.0.1:8001", "http://127.0.0.1:8003", "secret")
POLICY = RetryPolicy(timedelta(seconds=30), timedelta(minutes=10), max_attempts=5)


def contact(
    *,
    email: str | None = "siti@example.org",
    phone: str | None = "+62 812 1234 5678",
    channels: tuple[str, ...] = ("email",),
    language: str = "id",
    opted_out: frozenset[str] = frozenset(),
) -> Contact:
    prefs = Preferences(channels=channels, language=language, opted_out=opted_out)
    return Contact(REQUEST_ID, "DK-7K3M-9QXA", "Siti Rahayu", email, phone, prefs)


def change(kind: str = "assigned", seq: int = 1, *, urgent: bool = False) -> Change:
    return Change(REQUEST_ID, seq, kind, NOON_JAKARTA, agency_name="Dinas Bina Marga", urgent=urgent)


def test_the_message_goes_to_the_first_channel_the_citizen_prefers() -> None:
    n = first(contact(channels=("whatsapp", "sms", "email")), change(seq=3), LINKS, now=NOON_JAKARTA)

    assert n is not None
    assert (n.channel, n.recipient, n.kind, n.status_seq) == ("whatsapp", "+62 812 1234 5678", "assigned", 3)
    assert "http://127.0.0.1:8001/track/DK-7K3M-9QXA?lang=id" in n.body
    assert "http://127.0.0.1:8003/v1/preferences/" in n.body


def test_an_opted_out_channel_or_one_without_an_address_is_skipped() -> None:
    opted = first(
        contact(channels=("sms", "email"), opted_out=frozenset({"sms"})), change(), LINKS, now=NOON_JAKARTA
    )
    no_phone = first(contact(channels=("sms", "email"), phone=None), change(), LINKS, now=NOON_JAKARTA)

    assert opted is not None
    assert opted.channel == "email"
    assert no_phone is not None
    assert no_phone.channel == "email"


def test_nothing_is_planned_for_a_citizen_who_cannot_be_reached() -> None:
    assert first(contact(email=None, phone=None), change(), LINKS, now=NOON_JAKARTA) is None


def test_the_message_is_written_in_the_citizens_language_from_a_versioned_template() -> None:
    n = first(contact(language="en"), change(), LINKS, now=NOON_JAKARTA)

    assert n is not None
    assert n.body.startswith("Dear Siti Rahayu,")
    assert n.template == "v1/assigned.en"


def test_the_same_change_on_the_same_channel_always_gets_the_same_id() -> None:
    once = first(contact(), change(seq=2), LINKS, now=NOON_JAKARTA)
    again = first(contact(language="en"), change(seq=2), LINKS, now=NOON_JAKARTA + timedelta(hours=1))
    later = first(contact(), change(seq=3), LINKS, now=NOON_JAKARTA)

    assert once is not None
    assert again is not None
    assert later is not None
    assert once.id == again.id
    assert later.id != once.id


def test_a_non_urgent_message_at_night_is_held_until_seven_in_the_morning() -> None:
    night = datetime(2025, 3, 10, 15, 30, tzinfo=UTC)  # 22:30 in Jakarta
    n = first(contact(), change(), LINKS, now=night)

    assert n is not None
    assert n.held_until == n.due_at == datetime(2025, 3, 11, 0, 0, tzinfo=UTC)


def test_an_urgent_message_at_night_goes_at_once() -> None:
    night = datetime(2025, 3, 10, 15, 30, tzinfo=UTC)
    n = first(contact(), change("escalated", urgent=True), LINKS, now=night)

    assert n is not None
    assert (n.due_at, n.held_until) == (night, None)


def test_an_urgent_requests_assignment_at_night_goes_at_once() -> None:
    night = datetime(2025, 3, 10, 15, 30, tzinfo=UTC)
    assigned = RequestAssigned(
        request_id=REQUEST_ID,
        agency_code="dinas-sda",
        agency_name="Dinas SDA",
        reasons=[],
        rule_version=1,
        status_seq=1,
        assigned_at=night,
        urgent=True,
    )
    n = first(contact(), from_assigned(REQUEST_ID, assigned), LINKS, now=night)

    assert n is not None
    assert (n.due_at, n.held_until) == (night, None)


def test_a_failed_channel_hands_over_to_the_next_untried_one() -> None:
    c = contact(channels=("whatsapp", "sms", "email"))
    failed = first(c, change(), LINKS, now=NOON_JAKARTA)
    assert failed is not None

    nxt = failover(failed, c, {"whatsapp"}, now=NOON_JAKARTA)
    last = failover(failed, c, {"whatsapp", "sms"}, now=NOON_JAKARTA)

    assert nxt is not None
    assert (nxt.channel, nxt.recipient) == ("sms", "+62 812 1234 5678")
    assert last is not None
    assert (last.channel, last.recipient) == ("email", "siti@example.org")
    assert nxt.body == failed.body
    assert nxt.id != failed.id
    assert failover(failed, c, {"whatsapp", "sms", "email"}, now=NOON_JAKARTA) is None


def test_an_accepted_attempt_is_sent_at_that_moment() -> None:
    outcome = after_attempt(1, Sent("fp-1"), now=NOON_JAKARTA, policy=POLICY, jitter=0.5)

    assert (outcome.state, outcome.sent_at, outcome.provider_id) == ("sent", NOON_JAKARTA, "fp-1")


def test_a_temporary_failure_is_retried_later_with_its_error() -> None:
    outcome = after_attempt(1, Failed("503", permanent=False), now=NOON_JAKARTA, policy=POLICY, jitter=1.0)

    assert (outcome.state, outcome.last_error) == ("created", "503")
    assert outcome.due_at == NOON_JAKARTA + timedelta(seconds=30)


def test_retries_back_off_exponentially_with_jitter_but_never_past_the_longest_wait() -> None:
    ceilings = [retry_delay(n, POLICY, jitter=1.0) for n in range(1, 10)]
    floors = [retry_delay(n, POLICY, jitter=0.0) for n in range(1, 10)]

    assert ceilings[:4] == [timedelta(seconds=s) for s in (30, 60, 120, 240)]
    assert max(ceilings) == timedelta(minutes=10)
    assert all(f == c / 2 for f, c in zip(floors, ceilings, strict=True))


def test_a_permanent_failure_fails_for_good_at_once() -> None:
    outcome = after_attempt(
        1, Failed("422 unreachable", permanent=True), now=NOON_JAKARTA, policy=POLICY, jitter=0
    )

    assert outcome.state == "failed"


def test_the_last_allowed_temporary_failure_fails_for_good() -> None:
    outcome = after_attempt(5, Failed("503", permanent=False), now=NOON_JAKARTA, policy=POLICY, jitter=0)

    assert (outcome.state, outcome.last_error) == ("failed", "503")


def test_a_receipt_moves_a_sent_or_sending_message_and_nothing_else() -> None:
    assert after_receipt("sent", delivered=True) == "delivered"
    assert after_receipt("sending", delivered=True) == "delivered"
    assert after_receipt("sent", delivered=False) == "failed"
    assert after_receipt("delivered", delivered=False) is None
    assert after_receipt("failed", delivered=True) is None
    assert after_receipt("created", delivered=True) is None
