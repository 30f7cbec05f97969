from __future__ import annotations

import pytest
from intake.attributes import problems_with

from tests.unit.intake.builders import CATALOGUE


@pytest.mark.parametrize(
    ("service", "answers", "message"),
    [
        ("flooding", {"depth": ["neck"]}, "'neck' is not one of ['ankle', 'knee', 'waist']"),
        ("flooding", {}, "required by this service"),
        ("flooding", {"depth": ["knee", "waist"]}, "takes a single value"),
        ("no-water-supply", {"since": ["yesterday"]}, "'yesterday' is not an ISO 8601 date and time"),
        ("pothole", {"lanes_blocked": ["two"]}, "'two' is not a number"),
        ("pothole", {"lanes_blocked": ["nan"]}, "'nan' is not a number"),
        ("pothole", {"colour": ["red"]}, "'pothole' asks no question 'colour'"),
        (
            "flooding",
            {"depth": ["knee"], "safety_notice": ["ok"]},
            "'flooding' asks no question 'safety_notice'",
        ),
    ],
)
def test_an_answer_that_does_not_fit_the_service_definition_is_named(
    service: str, answers: dict[str, list[str]], message: str
) -> None:
    assert message in [m for _, m in problems_with(CATALOGUE[service], answers)]


def test_answers_that_fit_have_no_problems() -> None:
    answers = {"since": ["2026-05-01T06:00:00+07:00"], "households": ["12"]}
    assert problems_with(CATALOGUE["no-water-supply"], answers) == []
