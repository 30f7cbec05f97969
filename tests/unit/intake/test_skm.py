"""The survey's index as PermenPANRB 14/2017 computes it, checked against numbers worked by hand."""

from __future__ import annotations

import pytest
from intake.figures import skm


def test_an_elements_mean_is_over_the_answers_it_got() -> None:
    assert skm.nrr(110, 30) == pytest.approx(3.6667, abs=1e-4)
    assert skm.nrr(0, 0) is None


def test_the_index_is_25_times_the_mean_of_the_element_means() -> None:
    # (3 + 3.5 + 2.5 + 4 + 3 + 3 + 3 + 3 + 2) / 9 = 27 / 9 = 3; x 25 = 75
    assert skm.ikm([3, 3.5, 2.5, 4, 3, 3, 3, 3, 2]) == pytest.approx(75.0)


def test_an_element_nobody_answered_is_left_out_of_the_mean() -> None:
    # eight elements at 3.6667 (110/30) and cost, answered by 20, at 4: (8 x 110/30 + 4) / 9 x 25
    means = [110 / 30] * 8 + [4.0]
    assert skm.ikm(means) == pytest.approx(92.59, abs=0.01)
    assert skm.ikm([*[110 / 30] * 8, None]) == pytest.approx(91.67, abs=0.01)
    assert skm.ikm([None] * 9) is None


@pytest.mark.parametrize(
    ("index", "grade"),
    [
        (100, "A"),
        (88.31, "A"),
        (88.30, "B"),
        (76.61, "B"),
        (76.60, "C"),
        (65.00, "C"),
        (64.99, "D"),
        (25, "D"),
    ],
)
def test_the_grade_reads_the_index_rounded_to_two_decimals(index: float, grade: str) -> None:
    assert skm.grade(index) == grade


def test_a_grade_is_read_after_rounding() -> None:
    assert skm.grade(88.3051) == "A"
    assert skm.grade(88.3049) == "B"


def test_satisfaction_puts_the_index_on_a_zero_to_one_scale() -> None:
    assert skm.satisfaction(25) == 0
    assert skm.satisfaction(100) == 1
    assert skm.satisfaction(80) == pytest.approx(55 / 75)
