"""The survey opens at the resolution and closes 7 days later; the tracking page shows its form
with the reporter's key, with their earlier answer chosen; a posted form is read as the API reads it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from dekat.vocabulary import SURVEY_ELEMENTS, Language
from intake import surveys
from intake.api_survey import SurveyIn
from intake.forms import Entered
from intake.web_survey import survey_of

from tests.unit.intake.builders import CATALOGUE
from tests.unit.intake.portal_pages import render
from tests.unit.intake.test_pages import view

RESOLVED = datetime(2026, 11, 16, 4, 0, tzinfo=UTC)


def test_the_survey_is_open_for_seven_days_after_the_resolution() -> None:
    assert surveys.refusal("resolved", RESOLVED, RESOLVED + timedelta(days=7)) is None
    assert surveys.refusal("closed", RESOLVED, RESOLVED + timedelta(days=1)) is None
    assert "closed 7 days" in (
        surveys.refusal("closed", RESOLVED, RESOLVED + timedelta(days=7, seconds=1)) or ""
    )
    assert "opens when the request is resolved" in (surveys.refusal("reopened", RESOLVED, RESOLVED) or "")
    assert surveys.refusal("closed", None, RESOLVED) is not None  # closed unanswered: never resolved


def test_every_element_is_announced_and_those_not_given_are_not_applicable() -> None:
    answers = surveys.every_element({"time": 4, "cost": None})
    assert list(answers) == list(SURVEY_ELEMENTS)
    assert answers["time"] == 4
    assert answers["conduct"] is None
    event = surveys.answered("r-1", "p-1", answers, "ok", RESOLVED)
    assert event.type == "request.survey_answered"
    assert event.data["answers"]["time"] == 4


def test_a_posted_form_reads_an_empty_choice_as_not_applicable() -> None:
    found = survey_of(Entered({"skm-time": ["4"], "skm-cost": [""], "comment": [""]}))
    assert isinstance(found, SurveyIn)
    assert found.answers["time"] == 4
    assert found.answers["cost"] is None
    assert found.comment is None


def test_a_form_with_nothing_answered_or_a_score_off_the_scale_names_the_problem() -> None:
    assert set(survey_of(Entered({}))) == {"skm"}
    assert set(survey_of(Entered({"skm-time": ["5"]}))) == {"skm-time"}


def page(survey: dict[str, object] | None, language: Language = "id") -> str:
    return render(
        "portal/track.html",
        language,
        view=view(status="resolved"),
        service=CATALOGUE["pothole"],
        actions=("rating", "reopen"),
        keyless=False,
        k="s3cret-k",
        idem="a" * 32,
        sent=False,
        problems={},
        entered=Entered(),
        failed=None,
        survey=survey,
    )


def test_the_tracking_page_shows_the_survey_with_the_earlier_answer_chosen() -> None:
    shown = page({"open": True, "until": RESOLVED + timedelta(days=7), "answers": {"time": 3}, "comment": "",
                  "answered_at": RESOLVED})  # fmt: skip
    assert 'action="/track/DK-7K3M-9QXA/survey"' in shown
    assert 'name="skm-time" value="3" id="skm-time-3" checked' in shown
    assert shown.count('type="radio" name="skm-') == 9 * 5  # nine elements: 1 to 4, or not applicable
    assert "Penilaian cepat (1\u20135) menutup laporan Anda" in shown
    assert "23 November 2026" in shown


def test_a_closed_survey_says_so_and_offers_no_form() -> None:
    shown = page({"open": False, "until": RESOLVED, "answers": {}, "comment": "", "answered_at": None}, "en")
    assert "has closed" in shown
    assert "/survey" not in shown


def test_without_the_survey_the_page_is_as_before() -> None:
    assert "survey" not in page(None)
