from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from intake.counters import Counter, distance_km, is_open, nearest_open

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
