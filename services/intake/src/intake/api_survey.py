"""The satisfaction survey over HTTP: a reporter answers (or changes) it with their key `k`."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from dekat import outbox, topics
from dekat.errors import refusal
from dekat.service import Pool
from dekat.vocabulary import SurveyElement
from fastapi import APIRouter
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, model_validator

from intake import surveys, surveys_store
from intake.api import (
    FEEDBACK_RESPONSES,
    NEEDS_KEY,
    IdempotencyKey,
    Measured,
    ReporterKey,
    answered,
    conflict,
    reporter_request,
)
from intake.idempotency import Answer, once

router = APIRouter(prefix="/v1", tags=["requests"])
Score = Annotated[int, Field(ge=1, le=4)]


class SurveyIn(BaseModel):
    """The nine SKM elements, each 1 (not good) to 4 (very good), `null` or left out: not applicable."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    answers: dict[SurveyElement, Score | None]
    comment: str | None = Field(default=None, max_length=2000)

    @model_validator(mode="after")
    def something_answered(self) -> SurveyIn:
        if all(v is None for v in self.answers.values()):
            raise ValueError("answer at least one element (1 to 4)")
        return self


async def answer(
    pool: Pool, tracking_code: str, body: SurveyIn, measured: Measured, k: str | None, key: str | None
) -> JSONResponse:
    """Keep the reporter's answer and announce it; once per idempotency key."""
    if not k:
        return refusal(401, NEEDS_KEY, field="k")
    now = datetime.now(UTC)

    async def work(conn: Any) -> Answer:
        found = await reporter_request(conn, tracking_code, k)
        if isinstance(found, Answer):
            return found
        row, reporter = found
        resolved_at = await surveys_store.resolved_at(conn, row["id"])
        if why_not := surveys.refusal(row["status"], resolved_at, now):
            return conflict(why_not, "status")
        given = surveys.every_element(dict(body.answers))
        await surveys_store.keep(conn, row["id"], reporter.reporter_id, given, body.comment, now)
        event = surveys.answered(row["id"], reporter.reporter_id, given, body.comment, now)
        await outbox.enqueue(conn, topics.REQUESTS_FEEDBACK, event)
        until = surveys.closes_at(resolved_at) if resolved_at else None
        return Answer(202, {"id": row["id"], "accepted": True, "answers": given, "changeable_until": until})

    return answered(await once(pool, f"survey/{tracking_code}", key, body, work), "web", measured)


@router.post("/requests/by-code/{tracking_code}/survey", status_code=202, responses=FEEDBACK_RESPONSES)
async def survey(
    tracking_code: str,
    body: SurveyIn,
    pool: Pool,
    measured: Measured,
    k: ReporterKey = None,
    key: IdempotencyKey = None,
) -> JSONResponse:
    """Answer the satisfaction survey (SKM) about a resolved request: the nine elements 1-4, `null`
    for not applicable, and a suggestion. Answering again within 7 days of the resolution changes
    your answer. It does not close the request (rating does) and you may still contest it."""
    return await answer(pool, tracking_code, body, measured, k, key)


@router.get("/requests/by-code/{tracking_code}/survey", responses={401: {}, 403: {}, 404: {}})
async def my_answer(tracking_code: str, pool: Pool, k: ReporterKey = None) -> JSONResponse:
    """Your answer to the survey (with your key), whether it is open, and until when."""
    if not k:
        return refusal(401, NEEDS_KEY, field="k")
    async with pool.acquire() as conn:
        found = await reporter_request(conn, tracking_code, k)
        if isinstance(found, Answer):
            return JSONResponse(found.body, status_code=found.status)
        row, reporter = found
        resolved_at = await surveys_store.resolved_at(conn, row["id"])
        mine = await surveys_store.answer_of(conn, row["id"], reporter.reporter_id)
    why_not = surveys.refusal(row["status"], resolved_at, datetime.now(UTC))
    body = {
        "open": why_not is None,
        "why_not": why_not,
        "changeable_until": surveys.closes_at(resolved_at) if resolved_at else None,
        "answer": mine,
    }
    return JSONResponse(jsonable_encoder(body))


async def offer(pool: Pool, tracking_code: str, k: str | None) -> dict[str, Any] | None:
    """What the tracking page shows of the survey to this reporter: nothing before the resolution
    (or without their key); else whether it is open, until when, and their answer so far."""
    if not k:
        return None
    async with pool.acquire() as conn:
        found = await reporter_request(conn, tracking_code, k)
        if isinstance(found, Answer) or found[0]["status"] not in surveys.ANSWERABLE:
            return None
        row, reporter = found
        resolved_at = await surveys_store.resolved_at(conn, row["id"])
        mine = await surveys_store.answer_of(conn, row["id"], reporter.reporter_id)
    if resolved_at is None:
        return None
    return {
        "open": surveys.refusal(row["status"], resolved_at, datetime.now(UTC)) is None,
        "until": surveys.closes_at(resolved_at),
        "answers": (mine or {}).get("answers") or {},
        "comment": (mine or {}).get("comment") or "",
        "answered_at": (mine or {}).get("answered_at"),
    }
