"""The citizen's tracking page, found by the tracking code alone, and the forms on it (no JavaScript needed).

Links in the citizen's messages carry their reporter key `k` (`/track/DK-7K3M-9QXA?k=...`, or the
short `/t/7K3M9QXA?k=...` of an SMS); the page shows its forms only with a key, and puts the key into
each (the feedback endpoints check it). The code alone only reads.
"""

from __future__ import annotations

import re
import uuid
from typing import Any
from urllib.parse import urlencode

from dekat.errors import problems_of
from dekat.service import Pool
from dekat.vocabulary import Language
from dekat.web import csrf, languages
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, ValidationError

from intake import api, api_survey, uploads, views
from intake.api import Measured, Services
from intake.bodies import NoteIn, RatingIn
from intake.commands import Feedback
from intake.forms import KEY_SHAPE, Entered
from intake.portal import Shown
from intake.requests import TRACKING_ALPHABET, normal_tracking_code

router = APIRouter(tags=["citizen web"], include_in_schema=False)

ACTIONS = {"info_requested": ("info",), "resolved": ("rating", "reopen"), "closed": ("rating", "reopen")}
"""The forms each status offers (the path each posts to)."""
SECRET = re.compile(r"^[A-Za-z0-9_.~-]{1,64}$")
SHORT = re.compile(f"^[{TRACKING_ALPHABET}]{{8}}$", re.IGNORECASE)


def secret_of(value: str | None) -> str | None:
    """The reporter key `k`, if it has a key's shape (it is checked where feedback is taken)."""
    return value if value and SECRET.match(value) else None


async def tracking_view(
    pool: Pool, tracking_code: str, language: Language, k: str | None = None
) -> dict[str, Any] | None:
    """The owner's view; with the reporter's key, their own words are in its timeline."""
    async with pool.acquire() as conn:
        return await views.owner_of(conn, normal_tracking_code(tracking_code[:40]), language, k)


def track_page(
    request: Request,
    shown: Shown,
    services: Services,
    view: dict[str, Any],
    *,
    k: str | None,
    status: int = 200,
    language: Language | None = None,
    problems: dict[str, str] | None = None,
    entered: Entered | None = None,
    failed: str | None = None,
    survey: dict[str, Any] | None = None,
) -> Response:
    return shown.render(
        request,
        "portal/track.html",
        status=status,
        lang=language,
        page_url=f"/track/{view['tracking_code']}" if request.method == "POST" else None,
        view=view,
        service=services.get(view.get("service_code") or ""),
        actions=ACTIONS.get(view["status"], ()) if k else (),
        keyless=bool(ACTIONS.get(view["status"])) and not k,
        k=k,
        idem=uuid.uuid4().hex,
        sent=request.query_params.get("sent") == "1",
        followed=request.query_params.get("followed") == "1",
        problems=problems or {},
        entered=entered or Entered(),
        failed=failed,
        survey=survey,
    )


@router.get("/track/{tracking_code}", response_class=HTMLResponse)
async def tracking_page(
    request: Request, tracking_code: str, shown: Shown, services: Services, pool: Pool, k: str | None = None
) -> Response:
    """Where is my request? Status, agency, deadline, history; rate, contest or answer from here."""
    view = await tracking_view(pool, tracking_code, shown.language(request), secret_of(k))
    if view is None:
        return shown.message(request, 404, "not_found", "not_found_text")
    survey = await api_survey.offer(pool, view["tracking_code"], secret_of(k))
    return track_page(request, shown, services, view, k=secret_of(k), survey=survey)


@router.get("/t/{short}")
async def short_link(short: str, request: Request, shown: Shown, k: str | None = None) -> Response:
    """The short link of an SMS: `/t/7K3M9QXA?k=...` → `/track/DK-7K3M-9QXA?k=...`."""
    if not SHORT.match(short):
        return shown.message(request, 404, "not_found", "not_found_text")
    kept = {
        name: value
        for name, value in (("k", secret_of(k)), ("lang", request.query_params.get("lang")))
        if value
    }
    query = f"?{urlencode(kept)}" if kept else ""
    return RedirectResponse(f"/track/{normal_tracking_code(short)}{query}", status_code=303)


BODIES: dict[str, type[BaseModel]] = {"rating": RatingIn, "reopen": NoteIn, "info": NoteIn}
GIVEN = {"rating": "rate", "reopen": "reopen", "info": "provide_info"}


def feedback_of(action: str, entered: Entered) -> tuple[Feedback, BaseModel] | dict[str, str]:
    """What the form says, checked as the API checks it; else the API's problems by form field."""
    fields = {"comment": entered.one("comment") or None}
    if action == "rating":
        fields["rating"] = entered.one("rating") or None
    try:
        body = BODIES[action].model_validate(fields)
    except ValidationError as error:
        return {p["field"]: p["message"] for p in problems_of(error)}
    rating = getattr(body, "rating", None)
    return Feedback(GIVEN[action], rating=rating, comment=getattr(body, "comment", None)), body  # type: ignore[arg-type]


@router.post("/track/{tracking_code}/{action}", response_class=HTMLResponse)
async def give_feedback(
    request: Request,
    tracking_code: str,
    action: str,
    shown: Shown,
    services: Services,
    pool: Pool,
    measured: Measured,
) -> Response:
    posted = await uploads.read(request)
    if posted is None:
        return shown.message(request, 400, "bad_request", "bad_request_text")
    if not csrf.valid(request, posted.entered.one(csrf.FIELD)):
        return shown.message(request, 403, "forbidden", "forbidden_text")
    language = languages.known(posted.entered.one("lang")) or shown.language(request)
    view = await tracking_view(pool, tracking_code, language)
    if view is None or action not in BODIES:
        return shown.message(request, 404, "not_found", "not_found_text")
    entered = posted.entered
    k = secret_of(entered.one("k"))
    checked = feedback_of(action, entered)
    if isinstance(checked, dict):
        problems = {("rating" if f == "rating" else f"{action}-comment"): m for f, m in checked.items()}
        return track_page(
            request,
            shown,
            services,
            view,
            k=k,
            status=422,
            language=language,
            problems=problems,
            entered=entered,
            failed=action,
        )
    given, body = checked
    key = entered.one("idem") if KEY_SHAPE.match(entered.one("idem")) else None
    answer = await api.feedback(pool, view["tracking_code"], given, measured, k, key, body)
    if answer.status_code >= 400:
        why = "bad_key" if answer.status_code in (401, 403) else "refused"
        problems = {f"{action}-comment": shown.words[language]["track"][why]}
        return track_page(
            request,
            shown,
            services,
            view,
            k=k,
            status=answer.status_code,
            language=language,
            problems=problems,
            entered=entered,
            failed=action,
        )
    query = urlencode({name: value for name, value in (("k", k), ("lang", language), ("sent", "1")) if value})
    return RedirectResponse(f"/track/{view['tracking_code']}?{query}", status_code=303)
