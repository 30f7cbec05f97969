from __future__ import annotations

from datetime import UTC, datetime, timedelta

from notify.callback_signatures import signature, verify

NOW = datetime(2025, 3, 10, 5, 0, tzinfo=UTC)
BODY = b'{"reference": "3f0d3c1e-8a47-5b7e-9c21-4e6f0a2b1d99", "status": "delivered"}'


def test_a_fresh_signature_of_the_body_with_the_secret_is_accepted() -> None:
    assert verify(signature("s", BODY, now=NOW), BODY, secret="s", now=NOW + timedelta(seconds=30))


def test_a_missing_or_garbled_signature_is_refused() -> None:
    for header in (None, "", "v1=abc", "t=abc,v1=abc", "nonsense"):
        assert not verify(header, BODY, secret="s", now=NOW)


def test_a_changed_body_or_another_secret_is_refused() -> None:
    header = signature("s", BODY, now=NOW)

    assert not verify(header, BODY.replace(b"delivered", b"failed"), secret="s", now=NOW)
    assert not verify(header, BODY, secret="other", now=NOW)


def test_a_replayed_old_callback_is_refused() -> None:
    header = signature("s", BODY, now=NOW)

    assert not verify(header, BODY, secret="s", now=NOW + timedelta(minutes=6))
