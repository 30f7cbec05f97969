"""The portal's front: services found by the words people type, counters open now, the next mobile stops,
the place chooser, and the open reports close to a citizen."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from intake import browse, counters, directory, nearby, places

from tests.unit.intake.builders import CATALOGUE, NOW, ROOT

PLACES = places.load(ROOT / "deploy/network/areas.geojson")
COUNTERS = counters.load(ROOT / "deploy/catalogue/counters.json")
STOPS = directory.load_stops(ROOT / "deploy/catalogue/mobile_units.json")


def test_a_search_finds_services_by_their_words_in_either_language() -> None:
    assert "pothole" in [s.code for s in browse.search(CATALOGUE, "jalan berlubang", "id")]
    assert "pothole" in [s.code for s in browse.search(CATALOGUE, "POTHOLE", "id")]
    assert {"water-main-break", "no-water-supply"} <= {s.code for s in browse.search(CATALOGUE, "air", "id")}
    assert browse.search(CATALOGUE, "   ", "id") == []


def test_every_service_is_in_exactly_one_group_and_roads_come_first() -> None:
    grouped = browse.by_group(CATALOGUE, "id")
    assert grouped[0][0] == "roads"
    assert sorted(s.code for _, members in grouped for s in members) == sorted(CATALOGUE)


def test_open_counters_come_first_and_then_the_nearest() -> None:
    rows = directory.counters_today(COUNTERS, NOW, near=(-6.1951, 106.8345))
    opened = [r for r in rows if r.open_now]
    assert opened
    assert rows[: len(opened)] == opened
    distances = [r.distance_km or 0.0 for r in opened]
    assert distances == sorted(distances)


def test_a_counter_closed_on_a_holiday_shows_no_hours_that_day() -> None:
    independence_day = datetime(2026, 8, 17, 3, 0, tzinfo=UTC)
    menteng = next(
        r for r in directory.counters_today(COUNTERS, independence_day) if r.counter.id == "ptsp-menteng"
    )
    assert menteng.today == ()
    assert not menteng.open_now


def test_a_stop_already_over_today_is_next_seen_a_week_later() -> None:
    monday_afternoon = datetime(2026, 5, 4, 7, 0, tzinfo=UTC)  # 14:00 in Jakarta; Koja closes at 12:00
    koja = next(s for s in STOPS if s.place == "Pasar Koja Baru")
    assert directory.next_visit(koja, NOW).on.isoformat() == "2026-05-04"
    assert directory.next_visit(koja, monday_afternoon).on.isoformat() == "2026-05-11"
    upcoming = directory.upcoming(STOPS, NOW)
    assert upcoming == sorted(upcoming, key=lambda v: (v.on, v.stop.opens))


def test_a_kelurahan_is_chosen_under_its_kecamatan_and_named_with_it() -> None:
    menteng = next(
        kelurahan for kecamatan, kelurahan in places.chooser(PLACES) if kecamatan.code == "kec-menteng"
    )
    assert "kel-cikini" in [p.code for p in menteng]
    assert places.named(PLACES, "kel-cikini") == "Kel. Cikini, Kec. Menteng"
    assert places.named(PLACES, "jakarta-pusat") is None
    assert places.named(PLACES, "atlantis") is None


def test_only_reports_within_150_metres_are_shown_nearest_first() -> None:
    here = (-6.1951, 106.8345)
    views: list[dict[str, Any]] = [
        {"id": "far", "lat": -6.1951, "long": 106.8365},  # ~220 m east
        {"id": "near", "lat": -6.1951, "long": 106.8355},  # ~110 m east
        {"id": "here", "lat": -6.1951, "long": 106.8345},
        {"id": "nowhere", "lat": None, "long": None},
    ]
    assert [n.view["id"] for n in nearby.closest(views, *here)] == ["here", "near"]
    box = nearby.box_around(*here)
    assert box.south < here[0] < box.north
    assert box.west < here[1] < box.east
