"""Deadlines count working hours on working days, in the agency's own time zone."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone

import pytest
from routing import calendars
from routing.calendars import Calendar, add_working_hours, working_hours_between

JAKARTA = timezone(timedelta(hours=7))
OFFICE = Calendar(zone="WIB", opens=time(8), closes=time(16), holidays=frozenset({date(2026, 3, 19)}))


def wib(day: int, hour: int, minute: int = 0) -> datetime:
    """A moment in March 2026, in Jakarta time (UTC+7)."""
    return datetime(2026, 3, day, hour, minute, tzinfo=JAKARTA)


@pytest.mark.parametrize(
    ("behaviour", "start", "hours", "due"),
    [
        ("within the same working day", wib(16, 9), 4, wib(16, 13)),
        ("before opening, the clock starts at opening", wib(16, 6), 2, wib(16, 10)),
        ("after closing, the clock starts next morning", wib(16, 18), 2, wib(17, 10)),
        ("what does not fit today carries over to tomorrow", wib(16, 14), 4, wib(17, 10)),
        ("a deadline can end exactly at closing", wib(16, 12), 4, wib(16, 16)),
        ("friday afternoon carries over to monday", wib(13, 15), 3, wib(16, 10)),
        ("saturday counts nothing", wib(14, 10), 1, wib(16, 9)),
        ("a holiday counts nothing", wib(18, 15), 2, wib(20, 9)),
        ("a week of forty hours with a holiday in it ends on monday", wib(16, 8), 40, wib(23, 16)),
        ("fractions of an hour count", wib(16, 15, 30), 0.75, wib(17, 8, 15)),
    ],
)
def test_working_hours(behaviour: str, start: datetime, hours: float, due: datetime) -> None:
    assert add_working_hours(start, hours, OFFICE) == due, behaviour


def test_a_round_the_clock_calendar_counts_every_hour() -> None:
    always = calendars.parse({"timezone": "WIB", "hours": ["00:00", "24:00"], "weekdays": list(range(7))})

    assert add_working_hours(wib(14, 22), 30, always) == wib(16, 4)


def test_the_same_hours_in_wit_end_two_hours_earlier_in_utc() -> None:
    papua = Calendar(zone="WIT", opens=time(8), closes=time(16))
    start = datetime(2026, 3, 16, 0, 0, tzinfo=UTC)  # 07:00 WIB, 09:00 WIT

    in_jakarta, in_jayapura = add_working_hours(start, 2, OFFICE), add_working_hours(start, 2, papua)

    assert in_jakarta == datetime(2026, 3, 16, 3, tzinfo=UTC)
    assert in_jayapura == datetime(2026, 3, 16, 2, tzinfo=UTC)


def test_the_result_is_in_the_time_zone_it_started_in() -> None:
    assert add_working_hours(wib(16, 9).astimezone(UTC), 1, OFFICE).tzinfo == UTC


@pytest.mark.parametrize(
    ("document", "problem"),
    [
        ({"timezone": "CET"}, "WIB, WITA or WIT"),
        ({"hours": ["16:00", "08:00"]}, "close after they open"),
    ],
)
def test_a_bad_calendar_is_refused(document: dict[str, object], problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        calendars.parse(document)


def test_iana_names_of_indonesian_zones_are_understood() -> None:
    assert calendars.parse({"timezone": "Asia/Makassar"}).zone == "WITA"


def test_a_calendar_survives_the_round_trip_through_its_document() -> None:
    always = calendars.parse({"hours": ["00:00", "24:00"], "holidays": ["2026-08-17"]})

    assert calendars.parse(calendars.as_document(always)) == always


@pytest.mark.parametrize(
    ("behaviour", "start", "end", "hours"),
    [
        ("inside one working day", wib(16, 9), wib(16, 12, 30), 3.5),
        ("a night counts nothing", wib(16, 15), wib(17, 9), 2),
        ("a weekend counts nothing", wib(13, 8), wib(16, 16), 16),
        ("a holiday counts nothing", wib(18, 8), wib(20, 8), 8),
        ("outside working hours entirely", wib(14, 8), wib(15, 20), 0),
    ],
)
def test_working_hours_between(behaviour: str, start: datetime, end: datetime, hours: float) -> None:
    assert working_hours_between(start, end, OFFICE) == hours, behaviour


@pytest.mark.parametrize("hours", [0.5, 3, 8, 17, 40])
def test_counting_back_what_was_added_gives_the_same_hours(hours: float) -> None:
    start = wib(16, 10)

    assert working_hours_between(start, add_working_hours(start, hours, OFFICE), OFFICE) == hours
