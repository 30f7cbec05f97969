"""Times in the citizen's zone and language, written by Babel, with the zone's name."""

from __future__ import annotations

from datetime import UTC, datetime

from notify.moments import number, when

AT = datetime(2025, 3, 12, 8, 0, tzinfo=UTC)


def test_a_time_in_indonesian_names_the_day_month_and_zone() -> None:
    assert when(AT, language="id", zone_name="Asia/Makassar") == "Rabu, 12 Maret 2025 pukul 16.00 WITA"
    assert when(AT, language="id", zone_name="Asia/Jayapura", short=True) == "12 Mar 17.00 WIT"


def test_a_time_in_english_for_a_citizen_in_jakarta() -> None:
    assert when(AT, language="en", zone_name="Asia/Jakarta") == "Wednesday 12 March 2025, 15:00 WIB"
    assert when(AT, language="en", zone_name="Asia/Jakarta", short=True) == "12 Mar, 15:00 WIB"


def test_an_unknown_zone_is_read_as_jakarta() -> None:
    assert when(AT, language="id", zone_name="Mars/Olympus").endswith("15.00 WIB")


def test_numbers_follow_the_language() -> None:
    assert (number(1234, language="id"), number(1234, language="en")) == ("1.234", "1,234")
