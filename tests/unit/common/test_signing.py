"""A signed link opens what it names until it expires, and nothing else."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from dekat.signing import signed_query, valid

NOW = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)


def parts(query: str) -> tuple[int, str]:
    fields = dict(p.split("=") for p in query.split("&"))
    return int(fields["exp"]), fields["sig"]


def test_a_signed_link_opens_its_subject_until_it_expires() -> None:
    expires, sig = parts(signed_query("s3cret", "/photos/p1", now=NOW, valid_for=timedelta(minutes=10)))

    assert valid("s3cret", "/photos/p1", expires=expires, sig=sig, now=NOW + timedelta(minutes=9))
    assert not valid("s3cret", "/photos/p1", expires=expires, sig=sig, now=NOW + timedelta(minutes=10))


def test_a_signed_link_opens_nothing_else_and_no_other_secret_made_it() -> None:
    expires, sig = parts(signed_query("s3cret", "/photos/p1", now=NOW, valid_for=timedelta(minutes=10)))

    assert not valid("s3cret", "/photos/p2", expires=expires, sig=sig, now=NOW)
    assert not valid("other", "/photos/p1", expires=expires, sig=sig, now=NOW)
    assert not valid("s3cret", "/photos/p1", expires=expires + 3600, sig=sig, now=NOW)
