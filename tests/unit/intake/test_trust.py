"""The trust index and its band, worked by hand: Wilson's interval, the weights, the minimum."""

from __future__ import annotations

import pytest
from intake.figures import trust, wilson
from intake.figures.trust import Formula, Part


def test_wilsons_interval_for_eight_of_ten() -> None:
    # centre (0.8 + 1.96²/20) / (1 + 1.96²/10) = 0.7167, half-width 0.2266
    low, high = wilson.interval(0.8, 10)
    assert (round(low, 4), round(high, 4)) == (0.4902, 0.9433)


def test_wilsons_interval_stays_inside_zero_and_one() -> None:
    low, high = wilson.interval(1.0, 10)
    assert round(low, 4) == 0.7225
    assert high == pytest.approx(1.0)
    assert wilson.interval(0.0, 0) == (0.0, 1.0)


def test_the_index_weights_every_part_as_version_1_says() -> None:
    parts = {
        "satisfaction": Part((80 - 25) / 75, 40),
        "acknowledged_on_time": Part(30 / 40, 40),
        "resolved_on_time": Part(24 / 30, 30),
        "not_contested": Part(27 / 30, 30),
        "not_escalated": Part(36 / 40, 40),
        "not_bounced": Part(38 / 40, 40),
    }
    # 100 x (0.40 x 0.7333 + 0.15 x 0.75 + 0.20 x 0.8 + 0.10 x 0.9 + 0.10 x 0.9 + 0.05 x 0.95) = 79.33
    score = trust.index(parts, answers=40)
    assert score.score == 79.33
    assert score.version == 1
    assert score.low is not None
    assert score.high is not None
    assert score.low < 79.33 < score.high


def test_the_band_is_the_index_of_every_lower_bound_and_of_every_upper_bound() -> None:
    halves = Formula(version=99, weights={"satisfaction": 0.5, "resolved_on_time": 0.5}, minimum=10)
    parts = {"satisfaction": Part(0.8, 10), "resolved_on_time": Part(1.0, 10)}
    score = trust.index(parts, answers=10, formula=halves)
    # score 100 x (0.5 x 0.8 + 0.5 x 1) = 90; low 100 x (0.5 x 0.4902 + 0.5 x 0.7225) = 60.63;
    # high 100 x (0.5 x 0.9433 + 0.5 x 1.0) = 97.17
    assert (score.score, score.low, score.high) == (90.0, 60.63, 97.17)


def test_a_part_with_nothing_to_measure_leaves_and_its_weight_with_it() -> None:
    halves = Formula(
        version=99, weights={"satisfaction": 0.4, "resolved_on_time": 0.2, "not_bounced": 0.4}, minimum=1
    )
    parts = {"satisfaction": Part(0.5, 10), "resolved_on_time": Part(1.0, 4), "not_bounced": Part(None, 0)}
    # (0.4 x 0.5 + 0.2 x 1.0) / 0.6 = 0.6667
    assert trust.index(parts, answers=10, formula=halves).score == 66.67


def test_no_score_below_thirty_respondents_but_how_many_so_far() -> None:
    parts = {"satisfaction": Part(0.9, 29), "resolved_on_time": Part(1.0, 100)}
    score = trust.index(parts, answers=29)
    assert (score.score, score.low, score.high) == (None, None, None)
    assert (score.answers, score.needed) == (29, 30)


def test_no_score_without_satisfaction_however_fast_the_agency() -> None:
    assert trust.index({"resolved_on_time": Part(1.0, 100)}, answers=40).score is None


def test_every_formula_keeps_its_version_and_its_weights_add_up_to_one() -> None:
    for version, formula in trust.FORMULAS.items():
        assert formula.version == version
        assert sum(formula.weights.values()) == pytest.approx(1.0)
        assert set(formula.weights) <= set(trust.PARTS)
    assert trust.CURRENT.minimum == 30
