"""The notification state machine: sent, retried with backoff, failed for good with a reason."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from notify.notifications import (
    Failed,
    RetryPolicy,
    Sent,
    after_attempt,
    after_receipt,
    notification_id,
    retry_delay,
)

NOON_JAKARTA = datetime(2025, 3, 10, 5, 0, tzinfo=UTC)
REQUEST_ID = "0b6c8f4e-2a51-4c1e-9d43-5f7e2b8a6c10"
POLICY = RetryPolicy(timedelta(seconds=30), timedelta(minutes=10), max_attempts=5)


def test_one_change_on_one_channel_for_one_reporter_always_gets_the_same_id() -> None:
    assert notification_id(REQUEST_ID, 2, "sms") == notification_id(REQUEST_ID, 2, "sms")
    assert notification_id(REQUEST_ID, 2, "sms") != notification_id(REQUEST_ID, 3, "sms")
    assert notification_id(REQUEST_ID, 2, "sms", "r-2") != notification_id(REQUEST_ID, 2, "sms")


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


def test_a_permanent_failure_fails_for_good_at_once_as_refused() -> None:
    outcome = after_attempt(
        1, Failed("422 unreachable", permanent=True), now=NOON_JAKARTA, policy=POLICY, jitter=0
    )

    assert (outcome.state, outcome.failure, outcome.last_error) == ("failed", "refused", "422 unreachable")


def test_the_last_allowed_temporary_failure_fails_for_good() -> None:
    outcome = after_attempt(5, Failed("503", permanent=False), now=NOON_JAKARTA, policy=POLICY, jitter=0)

    assert (outcome.state, outcome.failure, outcome.last_error) == ("failed", "too_many_attempts", "503")


def test_a_receipt_moves_a_sent_or_sending_message_and_nothing_else() -> None:
    assert after_receipt("sent", delivered=True) == "delivered"
    assert after_receipt("sending", delivered=True) == "delivered"
    assert after_receipt("sent", delivered=False) == "failed"
    assert after_receipt("delivered", delivered=False) is None
    assert after_receipt("failed", delivered=True) is None
    assert after_receipt("created", delivered=True) is None
