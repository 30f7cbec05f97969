"""Deadlines count working hours on working days, in the agency's own time zone, without
Indonesia's public holidays (from the `holidays` package) and the calendar's own days off."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from routing import calendars
from routing.calendars import Calendar, add_working_hours, working_hours_between

JAKARTA = ZoneInfo("Asia/Jakarta")
OFFICE = Calendar(
    opens=time(8), closes=time(16), holidays=frozenset({date(2026, 3, 19)}), public_holidays=False
)
"""Only its own day off (19 March 2026), so the arithmetic is easy to follow."""
GOVERNMENT = Calendar()
"""08:00-16:00 WIB, Monday to Friday, closed on public holidays and cuti bersama."""


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
    papua = Calendar(zone="Asia/Jayapura", opens=time(8), closes=time(16), public_holidays=False)
    start = datetime(2026, 3, 16, 0, 0, tzinfo=UTC)  # 07:00 WIB, 09:00 WIT

    in_jakarta, in_jayapura = add_working_hours(start, 2, OFFICE), add_working_hours(start, 2, papua)

    assert in_jakarta == datetime(2026, 3, 16, 3, tzinfo=UTC)
    assert in_jayapura == datetime(2026, 3, 16, 2, tzinfo=UTC)


def test_the_result_is_in_the_time_zone_it_started_in() -> None:
    assert add_working_hours(wib(16, 9).astimezone(UTC), 1, OFFICE).tzinfo == UTC


@pytest.mark.parametrize(
    ("document", "problem"),
    [
        ({"timezone": "CET"}, "Asia/Jakarta, Asia/Pontianak, Asia/Makassar, Asia/Jayapura"),
        ({"hours": ["16:00", "08:00"]}, "close after they open"),
    ],
)
def test_a_bad_calendar_is_refused(document: dict[str, object], problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        calendars.parse(document)


@pytest.mark.parametrize(
    ("given", "zone"), [("WIB", "Asia/Jakarta"), ("WITA", "Asia/Makassar"), ("WIT", "Asia/Jayapura")]
)
def test_the_short_names_of_indonesian_zones_are_understood(given: str, zone: str) -> None:
    assert calendars.parse({"timezone": given}).zone == zone


@pytest.mark.parametrize(
    ("behaviour", "day", "works"),
    [
        ("independence day 2027", date(2027, 8, 17), False),
        ("christmas 2030", date(2030, 12, 25), False),
        ("eid al-fitr 2026", date(2026, 3, 21), False),
        ("cuti bersama before nyepi 2026", date(2026, 3, 18), False),
        ("an ordinary tuesday in 2027", date(2027, 8, 10), True),
    ],
)
def test_public_holidays_come_from_the_holidays_package_for_every_year(
    behaviour: str, day: date, works: bool
) -> None:
    assert GOVERNMENT.works_on(day) is works, behaviour


def test_an_office_that_works_on_cuti_bersama_still_keeps_public_holidays() -> None:
    partner = Calendar(cuti_bersama=False)

    assert partner.works_on(date(2026, 3, 18))
    assert not partner.works_on(date(2026, 3, 19))


def test_a_deadline_over_independence_day_2027_skips_it() -> None:
    monday_afternoon = datetime(2027, 8, 16, 14, tzinfo=JAKARTA)

    assert add_working_hours(monday_afternoon, 4, GOVERNMENT) == datetime(2027, 8, 18, 10, tzinfo=JAKARTA)


def test_a_calendars_own_holidays_add_to_the_national_ones() -> None:
    local = Calendar(holidays=frozenset({date(2027, 6, 22)}))  # Jakarta's anniversary

    assert not local.works_on(date(2027, 6, 22))


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
