"""Counter staff, pure parts: the pages' words in both languages, and what counter mode changes."""

from __future__ import annotations

from datetime import UTC, datetime

from dekat.accounts.store import Account
from dekat.web import words
from intake.counter import mode
from intake.counter.access import AtCounter
from intake.counters import Counter

from tests.unit.intake.builders import submission

NOW = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)


def counter() -> Counter:
    return Counter(
        "ptsp-menteng", "PTSP Kecamatan Menteng", "Jl. Pegangsaan Barat", -6.2, 106.84, "Asia/Jakarta", {}
    )


def test_the_counter_pages_have_every_word_in_both_languages() -> None:
    found = words.load("intake.counter")

    assert words.keys(found["id"]) == words.keys(found["en"])
    assert "sign_in.locked" in words.keys(found["id"])


def test_what_the_portal_takes_in_counter_mode_names_the_counter_and_the_staff_member() -> None:
    desk = AtCounter(Account("budi.ptsp", "ptsp-menteng", "Budi", "staff", NOW), counter())

    taken = mode.taken_at(submission(), desk)

    assert (taken.channel, taken.source, taken.taken_by) == ("counter", "ptsp-menteng", "budi.ptsp")
    assert mode.taken_at(submission(), None) == submission()
