"""intake's native HTTP API: take a request in once, answer where it is, pass on feedback."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Annotated, Any

from dekat import error_body, errors
from dekat.errors import invalid, problem, refusal
from dekat.openapi import errors as documented
from dekat.service import Pool
from dekat.vocabulary import Language
from fastapi import APIRouter, Depends, Header, HTTPException, Query, Request, Security
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse
from fastapi.security import APIKeyQuery
from pydantic import BaseModel

from intake import accepting, area_index, cases, commands, idempotency, store, views
from intake.areas import Places
from intake.bodies import FollowerIn, NoteIn, RatingIn, RequestIn, follower_problems
from intake.catalogue import Catalogue
from intake.commands import Feedback
from intake.idempotency import Answer
from intake.metrics import IntakeMetrics
from intake.reporters import Reporter
from intake.requests import normal_tracking_code
from intake.submissions import Problem, Submission

router = APIRouter(prefix="/v1", tags=["requests"])

SUBMIT_ERRORS = documented(400, 409, 413, 422, 429)
"""A POST: bad input, a reused Idempotency-Key, a body too large, too many from one client."""
LOOKUP_ERRORS = documented(400, 404, 429)


class Accepted(BaseModel):
    id: str
    tracking_code: str
    status: str


async def catalogue_of(request: Request) -> Catalogue:
    catalogue: Catalogue = request.app.state.catalogue
    return catalogue


async def metrics_of(request: Request) -> IntakeMetrics:
    measured: IntakeMetrics = request.app.state.intake_metrics
    return measured


Services = Annotated[Catalogue, Depends(catalogue_of)]
Measured = Annotated[IntakeMetrics, Depends(metrics_of)]
IdempotencyKey = Annotated[
    str | None,
    Header(alias="Idempotency-Key", max_length=idempotency.MAX_KEY_LENGTH, pattern=r"^[\x21-\x7e]+$"),
]


def refused(found: list[Problem], channel: str, measured: Measured) -> JSONResponse:
    measured.reject(channel, found)
    return invalid([problem(p.field, p.message) for p in found])


def answered(answer: Answer, channel: str, measured: Measured) -> JSONResponse:
    if answer.status == 409:
        measured.rejected.labels(channel, "conflict").inc()
    return JSONResponse(jsonable_encoder(answer.body), status_code=answer.status)


async def accept_one(
    pool: Pool,
    s: Submission,
    services: Catalogue,
    measured: Measured,
    scope: str,
    key: str | None,
    body: Any,
    *,
    places: Places,
) -> JSONResponse:
    """A submission from the native API (web or counter), answered in its JSON."""
    taken = await accepting.accept(
        pool, s, services=services, places=places, measured=measured, scope=scope, key=key, body=body
    )
    if isinstance(taken, list):
        return invalid([problem(p.field, p.message) for p in taken])
    return answered(taken, s.channel, measured)


@router.post("/requests", status_code=201, response_model=Accepted, responses=SUBMIT_ERRORS)
async def submit(
    body: RequestIn,
    pool: Pool,
    services: Services,
    measured: Measured,
    places: area_index.Known,
    key: IdempotencyKey = None,
) -> JSONResponse:
    """Submit a request from the web. Anonymous requests carry no `citizen`."""
    s = body.submission("web")
    return await accept_one(pool, s, services, measured, "web", key, body, places=places)


ReporterKey = Annotated[
    str | None,
    Query(alias="k", max_length=64, description="The reporter's key, from the links in their messages"),
]
ReporterCredential = Annotated[
    str | None,
    Security(
        APIKeyQuery(
            name="k",
            scheme_name="ReporterKey",
            description="The reporter's key: given once at submission, in the links of their messages",
            auto_error=False,
        )
    ),
]


def not_found(field: str) -> HTTPException:
    return errors.refused(404, "no such request", field=field)


@router.get("/requests/by-code/{tracking_code}", responses=LOOKUP_ERRORS)
async def track(tracking_code: str, pool: Pool, lang: Language = "id", k: ReporterKey = None) -> JSONResponse:
    """The citizen's own view, by the tracking code they were given: status, who helps, and the
    timeline with what the agencies said (and, with the reporter's key, what they said), in `lang`."""
    async with pool.acquire() as conn:
        view = await views.owner_of(conn, normal_tracking_code(tracking_code), lang, k)
    if view is None:
        raise not_found("tracking_code")
    return JSONResponse(jsonable_encoder(view))


@router.get("/requests/{request_id}", responses=documented(400, 404))
async def status(request_id: uuid.UUID, pool: Pool, lang: Language = "id") -> JSONResponse:
    """What anyone may see of a request: never contact details, nothing of a confidential one's content."""
    async with pool.acquire() as conn:
        row = await store.request_by(conn, "id", str(request_id))
        if row is None:
            raise not_found("request_id")
        entries = await store.timeline_of(conn, row["id"])
    return JSONResponse(jsonable_encoder(views.public(row, entries, lang)))


async def feedback(
    pool: Pool,
    tracking_code: str,
    given: Feedback,
    measured: Measured,
    reporter_key: str | None,
    key: str | None,
    body: Any,
) -> JSONResponse:
    """What a reporter says about their request: only with their own key, once per idempotency key."""
    if not reporter_key:
        return refusal(401, NEEDS_KEY, field="k")
    now = datetime.now(UTC)

    async def work(conn: Any) -> Answer:
        found = await reporter_request(conn, tracking_code, reporter_key)
        if isinstance(found, Answer):
            return found
        row, reporter = found
        if why_not := await commands.give_feedback(conn, row, reporter, given, now):
            return conflict(why_not, "status")
        return Answer(202, {"id": row["id"], "action": given.action, "accepted": True})

    scope = f"feedback/{given.action}/{tracking_code}"
    return answered(await idempotency.once(pool, scope, key, body, work), "web", measured)


@router.post(
    "/requests/{request_id}/followers", status_code=201, responses={**SUBMIT_ERRORS, **documented(404)}
)
async def follow(
    request_id: uuid.UUID, body: FollowerIn, pool: Pool, measured: Measured, key: IdempotencyKey = None
) -> JSONResponse:
    """Report the same problem by following an open public request: you are told of its next
    changes, and may rate it, as one more of its reporters."""
    now = datetime.now(UTC)
    if found := follower_problems(body):
        return refused(found, "web", measured)

    async def work(conn: Any) -> Answer:
        case = await store.request_by(conn, "id", str(request_id))
        if case is None:
            return Answer(404, error_body.body(404, "no such request", field="request_id"))
        if why_not := cases.follow_refusal(case):
            return conflict(why_not, "request_id")
        reporter = await cases.follow(conn, case, body.contact(), now)
        return Answer(
            201,
            {"id": case["id"], "tracking_code": case["tracking_code"], "reporter_key": reporter.link_token},
        )

    return answered(await idempotency.once(pool, f"follow/{request_id}", key, body, work), "web", measured)


async def reporter_request(
    conn: Any, tracking_code: str, reporter_key: str
) -> tuple[dict[str, Any], Reporter] | Answer:
    """The request a reporter speaks about (a merged one's case) and the reporter their key names;
    else the answer that says why not (404 for the code, 403 for the key)."""
    row = await store.request_by(conn, "tracking_code", normal_tracking_code(tracking_code))
    if row is None:
        return Answer(404, error_body.body(404, "no such request", field="tracking_code"))
    reporter = await store.reporter_by_token(conn, row["id"], reporter_key)
    if reporter is None:
        return Answer(403, error_body.body(403, "this key does not belong to this request", field="k"))
    if row.get("merged_into"):  # a merged request is its case now: what its reporter says goes there
        row = await store.request_by(conn, "id", row["merged_into"]) or row
    return row, reporter


NEEDS_KEY = "the link in your messages carries your key (k)"


def conflict(why_not: str, field: str) -> Answer:
    """A 409: the request's state (in `field`) does not allow this now, and why."""
    return Answer(409, error_body.body(409, why_not, problems=[problem(field, why_not)]))


FEEDBACK_RESPONSES = {**SUBMIT_ERRORS, **documented(401, 403, 404)}


@router.post("/requests/by-code/{tracking_code}/rating", status_code=202, responses=FEEDBACK_RESPONSES)
async def rate(
    tracking_code: str,
    body: RatingIn,
    pool: Pool,
    measured: Measured,
    k: ReporterCredential = None,
    key: IdempotencyKey = None,
) -> JSONResponse:
    """Rate a resolved request, 1 to 5, with an optional comment; rating again changes your answer."""
    given = Feedback("rate", rating=body.rating, comment=body.comment)
    return await feedback(pool, tracking_code, given, measured, k, key, body)


@router.post("/requests/by-code/{tracking_code}/reopen", status_code=202, responses=FEEDBACK_RESPONSES)
async def reopen(
    tracking_code: str,
    body: NoteIn,
    pool: Pool,
    measured: Measured,
    k: ReporterCredential = None,
    key: IdempotencyKey = None,
) -> JSONResponse:
    """Contest a resolution (or a close without your answer): the request goes back to the agency."""
    given = Feedback("reopen", comment=body.comment)
    return await feedback(pool, tracking_code, given, measured, k, key, body)


@router.post("/requests/by-code/{tracking_code}/info", status_code=202, responses=FEEDBACK_RESPONSES)
async def provide_info(
    tracking_code: str,
    body: NoteIn,
    pool: Pool,
    measured: Measured,
    k: ReporterCredential = None,
    key: IdempotencyKey = None,
) -> JSONResponse:
    """Answer the agency's request for information."""
    given = Feedback("provide_info", comment=body.comment)
    return await feedback(pool, tracking_code, given, measured, k, key, body)
