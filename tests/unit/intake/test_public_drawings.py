"""Charts and the map are geometry the page writes as SVG (pure)."""

from __future__ import annotations

from intake.public import charts, maps, shown

from tests.unit.intake.builders import network_areas


def test_bars_scale_to_the_phones_width_with_their_band() -> None:
    drawn = charts.bars([("PAM Jaya", 50, 40, 60, "50"), ("PLN", None, None, None, "not enough")])
    first, second = drawn.bars
    assert (first.width, first.low, first.high, first.y) == (160.0, 128.0, 192.0, 0)
    assert (second.width, second.low, second.y) == (0, None, charts.ROW)


def test_a_week_without_a_score_breaks_the_trend_line() -> None:
    drawn = charts.trend(
        [("W1", 50, 40, 60), ("W2", None, None, None), ("W3", 70, 60, 80), ("W4", 80, 70, 90)]
    )
    assert len(drawn.lines) == 2
    assert drawn.lines[1] == "213.3,36.0 320.0,24.0"
    assert drawn.bands[0] == "0.0,48.0 0.0,72.0"


def test_the_map_shades_each_kelurahan_by_its_requests() -> None:
    kelurahan = [a for a in network_areas() if a.level == "kelurahan"]
    drawn = maps.choropleth(kelurahan, {"kel-menteng": 8, "kel-cikini": 2})
    assert drawn is not None
    assert drawn.width == 320
    assert drawn.height > 0
    shades = {s.code: s.shade for s in drawn.shapes}
    assert shades["kel-menteng"] == 4
    assert shades["kel-cikini"] == 1
    assert shades["kel-gambir"] == 0
    assert all(s.d.startswith("M") and s.d.endswith("Z") for s in drawn.shapes)
    assert drawn.legend == ((0, 0, 0), (1, 1, 2), (2, 3, 4), (3, 5, 6), (4, 7, 8))
    assert maps.legend(1) == ((0, 0, 0), (4, 1, 1))
    assert maps.legend(0) == ((0, 0, 0),)
    assert maps.choropleth([], {}) is None


def test_numbers_read_in_the_visitors_language() -> None:
    assert shown.number(87.46, "id") == "87,5"
    assert shown.number(87.46, "en") == "87.5"
    trust = {"score": 78.4, "low": 70.12, "high": 85.0, "answers": 40, "needed": 30}
    assert shown.trust_text(trust, {}, "id") == "78,4 (70,1\u201385,0)"
    waiting = {"score": None, "answers": 12, "needed": 30}
    assert shown.trust_text(waiting, {"not_enough": "{answers} of {needed}"}, "en") == "12 of 30"
