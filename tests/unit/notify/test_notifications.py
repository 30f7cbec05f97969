from __future__ import annotations

from datetime import UTC, datetime, timedelta

from notify.notifications import (
    MAX_ATTEMPTS,
    Assignment,
    Contact,
    after_attempt,
    assigned_email,
)

NOW = datetime(2025, 3, 10, 9, 30, tzinfo=UTC)
REQUEST_ID = "0b6c8f4e-2a51-4c1e-9d43-5f7e2b8a6c10"
PUBLIC_URL = "http://127.0.0.1:8001"


def contact(
    *, name: str | None = "Siti Rahayu", email: str | None = "siti@example.org", language: str = "id"
) -> Contact:
    return Contact(REQUEST_ID, "DK-7K3M-9QXA", name=name, email=email, phone=None, language=language)


def assignment(*, status_seq: int = 1) -> Assignment:
    return Assignment(
        REQUEST_ID, "dinas-bina-marga", "Dinas Bina Marga", status_seq, resolve_by=NOW + timedelta(days=2)
    )


def test_nothing_is_planned_until_both_contact_and_assignment_are_known() -> None:
    assert assigned_email(None, assignment(), public_url=PUBLIC_URL) is None
    assert assigned_email(contact(), None, public_url=PUBLIC_URL) is None


def test_nothing_is_planned_for_a_citizen_without_an_email_address() -> None:
    assert assigned_email(contact(email=None), assignment(), public_url=PUBLIC_URL) is None


def test_the_email_goes_to_the_citizen_about_the_assignment_change() -> None:
    email = assigned_email(contact(), assignment(status_seq=3), public_url=PUBLIC_URL)

    assert email is not None
    assert (email.recipient, email.channel, email.kind, email.status_seq) == (
        "siti@example.org",
        "email",
        "assigned",
        3,
    )
    assert f"{PUBLIC_URL}/v1/requests/{REQUEST_ID}" in email.body


def test_the_email_is_written_in_the_citizens_language() -> None:
    email = assigned_email(contact(language="en"), assignment(), public_url=PUBLIC_URL)

    assert email is not None
    assert email.body.startswith("Dear Siti Rahayu,")


def test_the_same_change_always_gets_the_same_id_and_a_reassignment_a_new_one() -> None:
    first = assigned_email(contact(), assignment(), public_url=PUBLIC_URL)
    again = assigned_email(contact(name=None), assignment(), public_url=PUBLIC_URL)
    reassigned = assigned_email(contact(), assignment(status_seq=2), public_url=PUBLIC_URL)

    assert first is not None
    assert again is not None
    assert reassigned is not None
    assert first.id == again.id
    assert reassigned.id != first.id


def test_an_accepted_attempt_is_sent_at_that_moment() -> None:
    outcome = after_attempt(0, None, now=NOW)

    assert (outcome.state, outcome.attempts, outcome.sent_at, outcome.last_error) == ("sent", 1, NOW, None)


def test_a_failed_attempt_stays_created_and_is_retried_later_with_its_error() -> None:
    outcome = after_attempt(0, "SMTPConnectError: refused", now=NOW)

    assert (outcome.state, outcome.attempts, outcome.sent_at) == ("created", 1, None)
    assert outcome.last_error == "SMTPConnectError: refused"
    assert outcome.due_at == NOW + timedelta(seconds=30)


def test_retries_back_off_but_never_wait_more_than_ten_minutes() -> None:
    delays = [after_attempt(n, "down", now=NOW).due_at - NOW for n in range(MAX_ATTEMPTS - 1)]

    assert delays == sorted(delays)
    assert delays[0] < delays[-1] <= timedelta(minutes=10)


def test_the_fifth_failed_attempt_fails_for_good() -> None:
    outcome = after_attempt(MAX_ATTEMPTS - 1, "SMTPRecipientsRefused", now=NOW)

    assert (outcome.state, outcome.attempts) == ("failed", 5)
    assert outcome.last_error == "SMTPRecipientsRefused"


def test_a_late_success_after_failures_is_sent() -> None:
    assert after_attempt(MAX_ATTEMPTS - 1, None, now=NOW).state == "sent"
