"""Follow a report instead of sending the same one again (the portal's "Is this the same
problem?"): the citizen leaves how to reach them and becomes one more reporter of the case."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

from dekat.errors import problems_of
from dekat.service import Pool
from dekat.web import languages
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from intake import cases, forms, idempotency, store, views
from intake.bodies import FollowerIn, follower_problems
from intake.forms import KEY_SHAPE, Entered
from intake.idempotency import Answer
from intake.portal import Shown
from intake.reporting import readable
from intake.submissions import Problem

router = APIRouter(tags=["citizen portal"], include_in_schema=False)


async def followable(pool: Pool, request_id: str) -> dict[str, Any] | None:
    """The case as the public sees it, if it can be followed now."""
    try:
        uuid.UUID(request_id)
    except ValueError:
        return None
    async with pool.acquire() as conn:
        case = await store.request_by(conn, "id", request_id)
    if case is None or cases.follow_refusal(case):
        return None
    return case


def follow_page(
    request: Request,
    shown: Shown,
    case: dict[str, Any],
    entered: Entered,
    problems: dict[str, str],
    status: int = 200,
) -> Response:
    return shown.render(
        request,
        "portal/follow.html",
        status=status,
        case=views.public(case, []),
        entered=entered,
        problems=problems,
        idem=entered.one("idem") if KEY_SHAPE.match(entered.one("idem")) else uuid.uuid4().hex,
    )


@router.get("/follow/{request_id}", response_class=HTMLResponse)
async def ask(request: Request, request_id: str, shown: Shown, pool: Pool) -> Response:
    """How do we tell you of this case's next changes?"""
    case = await followable(pool, request_id)
    if case is None:
        return shown.message(request, 404, "not_found", "not_found_text")
    return follow_page(request, shown, case, Entered({}), {})


def follower_of(entered: Entered, language: str) -> FollowerIn | list[Problem]:
    fields = forms.citizen_of(entered, language) or {}
    fields.pop("consent_share", None)
    try:
        body = FollowerIn.model_validate(fields)
    except ValidationError as error:
        return [Problem(p["field"], p["message"]) for p in problems_of(error)]
    return follower_problems(body) or body


@router.post("/follow/{request_id}", response_class=HTMLResponse)
async def follow(request: Request, request_id: str, shown: Shown, pool: Pool) -> Response:
    """Become a reporter of the case (then to its tracking page, with your own key)."""
    posted = await readable(request, shown)
    if isinstance(posted, Response):
        return posted
    case = await followable(pool, request_id)
    if case is None:
        return shown.message(request, 404, "not_found", "not_found_text")
    entered = posted.entered
    language = languages.known(entered.one("lang")) or shown.language(request)
    follower = follower_of(entered, language)
    if isinstance(follower, list):
        said = forms.localized(follower, shown.words[language]["problems"])
        return follow_page(request, shown, case, entered, said, 422)
    now = datetime.now(UTC)

    async def work(conn: Any) -> Answer:
        reporter = await cases.follow(conn, case, follower.contact(), now)
        return Answer(201, {"tracking_code": case["tracking_code"], "k": reporter.link_token})

    answer = await idempotency.once(
        pool,
        f"follow/{request_id}",
        entered.one("idem") or None,
        entered.one("email") + entered.one("phone"),
        work,
    )
    query = urlencode({"lang": language, "k": answer.body["k"], "followed": "1"})
    return RedirectResponse(f"/track/{answer.body['tracking_code']}?{query}", status_code=303)
