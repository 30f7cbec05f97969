"""One group's published figures from its counts, and the document around them (pure)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from dekat.vocabulary import SURVEY_ELEMENTS
from intake.figures import document, figures
from intake.figures.document import Counted, Names
from intake.figures.measures import Tally
from intake.figures.trust import CURRENT

AS_OF = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def counted_for(respondents: int) -> dict[str, Tally]:
    """`respondents` answered every element 4 but cost (left out); 40 deadlines, 30 met..."""
    survey = {f"element:{e}": Tally(respondents, 4.0 * respondents) for e in SURVEY_ELEMENTS if e != "cost"}
    return {
        "received": Tally(50, 50.0),
        "assign_hours": Tally(50, 5.0, 0.1),
        "resolve_hours": Tally(30, 300.0, 9.5),
        "acknowledge_on_time": Tally(40, 30.0),
        "resolve_on_time": Tally(30, 24.0),
        "resolved": Tally(30, 27.0),
        "held": Tally(40, 36.0),
        "assignments": Tally(40, 38.0),
        "rating": Tally(4, 18.0),
        **survey,
        "element:*": Tally(respondents, 0.0),
    }


def test_shares_are_published_with_what_they_were_counted_on() -> None:
    found = figures.figures(counted_for(35), CURRENT, open_now=7)
    assert found["received"] == 50
    assert found["open_now"] == 7
    assert found["on_time"]["acknowledge"] == {"n": 40, "yes": 30, "percent": 75.0}
    assert found["reopened"] == {"n": 30, "yes": 3, "percent": 10.0}
    assert found["bounced"] == {"n": 40, "yes": 2, "percent": 5.0}
    assert found["median_hours"] == {"to_assign": 0.1, "to_acknowledge": None, "to_resolve": 9.5}
    assert found["rating"] == {"n": 4, "mean": 4.5}


def test_the_survey_gives_its_nrr_and_with_enough_respondents_its_ikm_and_grade() -> None:
    found = figures.figures(counted_for(35), CURRENT)["survey"]
    assert found["nrr"]["cost"] == {"answers": 0, "mean": None}
    assert found["nrr"]["time"] == {"answers": 35, "mean": 4.0}
    assert (found["respondents"], found["ikm"], found["grade"]) == (35, 100.0, "A")


def test_below_the_minimum_the_nrr_shows_but_no_index() -> None:
    found = figures.figures(counted_for(3), CURRENT)
    assert found["survey"]["nrr"]["time"]["answers"] == 3
    assert (found["survey"]["ikm"], found["survey"]["grade"]) == (None, None)
    assert (found["trust"]["score"], found["trust"]["answers"], found["trust"]["needed"]) == (None, 3, 30)


def test_the_trust_index_carries_the_parts_it_was_computed_from() -> None:
    found = figures.figures(counted_for(35), CURRENT)["trust"]
    # satisfaction (100 - 25) / 75 = 1:
    # 100 x (0.40 x 1 + 0.15 x 0.75 + 0.2 x 0.8 + 0.1 x 0.9 + 0.1 x 0.9 + 0.05 x 0.95) = 90
    assert found["score"] == pytest.approx(90.0)
    assert found["parts"]["resolved_on_time"] == {"share": 0.8, "n": 30, "weight": 0.20}
    assert found["version"] == 1


def test_the_document_lists_every_known_group_even_without_requests() -> None:
    counted = Counted({("agency", "pam-jaya", "all"): counted_for(1)}, {}, {}, {}, [])
    names = Names(
        agencies={"pam-jaya": ("PAM Jaya", "utility"), "pln": ("PLN", "utility")}, kecamatan=("kec-a",)
    )
    found = document.document(counted, names, AS_OF)
    assert [a["code"] for a in found["agencies"]] == ["pam-jaya", "pln"]
    assert [k["code"] for k in found["kinds"]] == ["government", "ngo", "private", "utility"]
    assert found["agencies"][0]["received"] == 50
    assert found["agencies"][1]["received"] == 0
    assert len(found["agencies"][0]["weeks"]) == 12
    assert found["agencies"][0]["weeks"][-1]["period"] == "2026-W47"
    assert found["agencies"][0]["months"][-1]["period"] == "2026-11"
    assert found["formula"]["version"] == 1
    assert found["licence"]["name"] == "CC BY 4.0"


def test_weeks_and_months_are_counted_in_jakarta() -> None:
    sunday_night = datetime(2026, 11, 22, 17, 30, tzinfo=UTC)  # Monday 00:30 in Jakarta
    assert document.week_of(sunday_night) == "2026-W48"
    assert document.months_to(datetime(2026, 2, 10, tzinfo=UTC), 3) == ["2025-12", "2026-01", "2026-02"]
    assert document.first_week(AS_OF).isoformat() == "2026-08-31T00:00:00+07:00"
