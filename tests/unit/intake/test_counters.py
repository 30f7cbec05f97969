from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from intake import counters
from intake.counters import Counter, closed_message, distance_km, is_open, nearest_open, next_opening

ROOT = Path(__file__).resolve().parents[3]

WEEKDAYS = {d: ((time(8), time(15)),) for d in ("mon", "tue", "wed", "thu")}


def counter(
    name: str = "PTSP Menteng", lat: float = -6.1995, long: float = 106.8426, **kw: object
) -> Counter:
    hours = {**WEEKDAYS, "fri": ((time(8), time(11, 30)), (time(13, 30), time(15)))}
    return Counter(name, name, "Jl. Pegangsaan", lat, long, "Asia/Jakarta", hours, **kw)  # type: ignore[arg-type]


def jakarta(day: int, hour: int, minute: int = 0) -> datetime:
    """May 2026 in Jakarta: the 4th is a Monday, the 8th a Friday, the 9th a Saturday."""
    return datetime(2026, 5, day, hour, minute, tzinfo=ZoneInfo("Asia/Jakarta"))


def test_a_counter_is_open_in_its_local_hours_not_utc() -> None:
    assert is_open(counter(), jakarta(4, 9))
    assert not is_open(counter(), jakarta(4, 7, 59))
    assert not is_open(counter(), jakarta(4, 15))


def test_friday_prayers_close_the_counter_at_midday() -> None:
    assert is_open(counter(), jakarta(8, 11))
    assert not is_open(counter(), jakarta(8, 12))
    assert is_open(counter(), jakarta(8, 14))


def test_a_counter_is_closed_on_weekends_and_holidays() -> None:
    assert not is_open(counter(), jakarta(9, 10))
    assert not is_open(counter(closed_on=frozenset({date(2026, 5, 4)})), jakarta(4, 10))


def test_the_nearest_open_counters_come_first_and_closed_ones_are_left_out() -> None:
    near = counter("near", -6.20, 106.84)
    far = counter("far", -6.30, 106.90)
    shut = counter("shut", -6.2001, 106.8401, closed_on=frozenset({date(2026, 5, 4)}))
    found = nearest_open([far, shut, near], -6.2, 106.84, jakarta(4, 10), limit=5)
    assert [c.id for c, _ in found] == ["near", "far"]
    assert found[0][1] < found[1][1]


def test_distance_between_monas_and_bundaran_hi_is_about_two_kilometres() -> None:
    assert 1.5 < distance_km(-6.1754, 106.8272, -6.1950, 106.8230) < 2.5


def around_the_clock() -> Counter:
    (found,) = [c for c in counters.load(ROOT / "deploy/catalogue/counters.json") if "24 Jam" in c.name]
    return found


@pytest.mark.parametrize(
    "at",
    [
        jakarta(4, 23, 58),
        jakarta(4, 23, 59),
        jakarta(4, 23, 59) + timedelta(seconds=59, microseconds=999_999),
        jakarta(5, 0, 0),
        jakarta(9, 12),
    ],
    ids=["23:58", "23:59", "a breath before midnight", "midnight", "saturday noon"],
)
def test_the_24_hour_counter_is_open_every_minute_of_the_day(at: datetime) -> None:
    assert is_open(around_the_clock(), at)


def test_a_span_to_24_00_is_shown_as_24_00() -> None:
    ((opens, closes),) = around_the_clock().hours["mon"]
    assert (counters.clock(opens), counters.clock(closes)) == ("00:00", "24:00")


def test_a_counter_closed_for_the_evening_opens_next_morning_in_its_own_time() -> None:
    assert next_opening(counter(), jakarta(4, 16)) == jakarta(5, 8)
    assert next_opening(counter(), jakarta(4, 7)) == jakarta(4, 8)


def test_after_friday_prayers_it_opens_again_the_same_afternoon() -> None:
    assert next_opening(counter(), jakarta(8, 12)) == jakarta(8, 13, 30)


def test_closed_for_the_weekend_and_a_holiday_monday_it_opens_on_tuesday() -> None:
    holiday = counter(closed_on=frozenset({date(2026, 5, 11)}))
    assert next_opening(holiday, jakarta(8, 16)) == jakarta(12, 8)


def test_the_closed_message_says_when_it_opens_in_the_counters_local_time() -> None:
    message = closed_message(
        counter(), next_opening(counter(), datetime(2026, 5, 8, 9, 0, tzinfo=ZoneInfo("UTC")))
    )
    assert message == "PTSP Menteng is closed now; it opens on Monday 2026-05-11 at 08:00 (Asia/Jakarta)"


def test_a_counter_with_no_hours_says_it_is_not_opening_soon() -> None:
    shut = Counter("x", "Kantor Lama", "", 0, 0, "Asia/Jakarta", {})
    assert next_opening(shut, jakarta(4, 10)) is None
    assert closed_message(shut, None) == "Kantor Lama is closed now, and not open in the next 14 days"
