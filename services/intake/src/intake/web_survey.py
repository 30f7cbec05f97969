"""The survey's form on the tracking page (no JavaScript needed): posted with the reporter's key,
checked as the API checks it, then back to the page; a problem shows the form again with it."""

from __future__ import annotations

from urllib.parse import urlencode

from dekat.errors import problems_of
from dekat.service import Pool
from dekat.vocabulary import SURVEY_ELEMENTS
from dekat.web import csrf, languages
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from intake import api_survey, uploads, web
from intake.api import Measured, Services
from intake.api_survey import SurveyIn
from intake.forms import KEY_SHAPE, Entered
from intake.portal import Shown

router = APIRouter(tags=["citizen web"], include_in_schema=False)


def survey_of(entered: Entered) -> SurveyIn | dict[str, str]:
    """The posted answers (an empty choice is not applicable), or the problems by form field."""
    answers = {e: entered.one(f"skm-{e}") or None for e in SURVEY_ELEMENTS}
    try:
        return SurveyIn.model_validate({"answers": answers, "comment": entered.one("comment") or None})
    except ValidationError as error:
        return {field_of(p["field"]): p["message"] for p in problems_of(error)}


def field_of(problem_field: str) -> str:
    """`answers.cost` → `skm-cost`; the comment's own field; anything else the survey as a whole."""
    if problem_field.startswith("answers."):
        return f"skm-{problem_field.removeprefix('answers.')}"
    return "skm-comment" if problem_field == "comment" else "skm"


@router.post("/track/{tracking_code}/survey", response_class=HTMLResponse)
async def answer_survey(
    request: Request, tracking_code: str, shown: Shown, services: Services, pool: Pool, measured: Measured
) -> Response:
    posted = await uploads.read(request)
    if posted is None:
        return shown.message(request, 400, "bad_request", "bad_request_text")
    if not csrf.valid(request, posted.entered.one(csrf.FIELD)):
        return shown.message(request, 403, "forbidden", "forbidden_text")
    entered = posted.entered
    language = languages.known(entered.one("lang")) or shown.language(request)
    view = await web.tracking_view(pool, tracking_code, language)
    if view is None:
        return shown.message(request, 404, "not_found", "not_found_text")
    k = web.secret_of(entered.one("k"))
    checked = survey_of(entered)
    if isinstance(checked, SurveyIn):
        key = entered.one("idem") if KEY_SHAPE.match(entered.one("idem")) else None
        answer = await api_survey.answer(pool, view["tracking_code"], checked, measured, k, key)
        if answer.status_code < 400:
            query = urlencode({name: v for name, v in (("k", k), ("lang", language), ("sent", "1")) if v})
            return RedirectResponse(f"/track/{view['tracking_code']}?{query}#survey", status_code=303)
        why = "bad_key" if answer.status_code in (401, 403) else "survey_closed"
        problems, status = {"skm": shown.words[language]["track"][why]}, answer.status_code
    else:
        problems, status = checked, 422
    survey = await api_survey.offer(pool, view["tracking_code"], k)
    return web.track_page(
        request,
        shown,
        services,
        view,
        k=k,
        status=status,
        language=language,
        problems=problems,
        entered=entered,
        failed="survey",
        survey=survey,
    )
