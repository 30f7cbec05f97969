"""The counter and mobile-unit channels: staff submitting for citizens, offline devices syncing."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Annotated, Any

import asyncpg
from dekat import error_body
from dekat.error_body import ErrorBody
from dekat.errors import problem, problems_of
from dekat.openapi import errors as documented
from dekat.openapi import response
from dekat.service import Pool
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse
from pydantic import ValidationError

from intake import area_index, commands, counters, idempotency, mobile_items, store
from intake.access import AtCounter, FromMobileUnit
from intake.api import SUBMIT_ERRORS, Accepted, IdempotencyKey, Measured, Services, accept_one, answered
from intake.areas import Places
from intake.bodies import CounterRequestIn, MobileBatchIn, MobileItemIn, RequestIn
from intake.catalogue import Catalogue
from intake.counters import Counter
from intake.idempotency import Answer
from intake.metrics import IntakeMetrics
from intake.submissions import problems

router = APIRouter(prefix="/v1", tags=["channels"])


async def counters_of(request: Request) -> list[Counter]:
    registered: list[Counter] = request.app.state.counters
    return registered


Counters = Annotated[list[Counter], Depends(counters_of)]


def shown(c: Counter, now: datetime, distance: float | None = None) -> dict[str, Any]:
    hours = {day: [[counters.clock(o), counters.clock(e)] for o, e in s] for day, s in c.hours.items()}
    place = {"id": c.id, "name": c.name, "address": c.address, "lat": c.lat, "long": c.long}
    extra = {} if distance is None else {"distance_km": round(distance, 2)}
    return {**place, "timezone": c.timezone, "hours": hours, "open_now": counters.is_open(c, now), **extra}


@router.get("/counters")
async def all_counters(registered: Counters) -> list[dict[str, Any]]:
    """Every registered counter, its opening hours and whether it is open now."""
    now = datetime.now(UTC)
    return [shown(c, now) for c in registered]


@router.get("/counters/nearest")
async def nearest(
    registered: Counters,
    lat: Annotated[float, Query(ge=-90, le=90)],
    long: Annotated[float, Query(ge=-180, le=180)],
    limit: Annotated[int, Query(ge=1, le=20)] = 3,
) -> list[dict[str, Any]]:
    """The open counters nearest to a point, nearest first."""
    now = datetime.now(UTC)
    return [shown(c, now, d) for c, d in counters.nearest_open(registered, lat, long, now, limit)]


class Closed(ErrorBody):
    """A counter refuses a request while it is closed (or an Idempotency-Key is reused)."""

    opens_at: str | None = None
    """When it opens next (RFC 3339, the counter's own time), for a closed counter."""


def closed_now(counter: Counter, now: datetime, measured: IntakeMetrics) -> JSONResponse | None:
    if counters.is_open(counter, now):
        return None
    measured.rejected.labels("counter", "closed").inc()
    opens_at = counters.next_opening(counter, now)
    message = counters.closed_message(counter, opens_at)
    body = error_body.body(
        409, message, problems=[problem("counter_id", message)], opens_at=opens_at and opens_at.isoformat()
    )
    return JSONResponse(body, status_code=409)


AUTHENTICATED = {**SUBMIT_ERRORS, **documented(401, 403, 404)}


@router.post(
    "/counters/{counter_id}/requests",
    status_code=201,
    response_model=Accepted,
    responses={**AUTHENTICATED, 409: response(409, Closed)},
)
async def submit_at_counter(
    counter: AtCounter,
    body: CounterRequestIn,
    pool: Pool,
    services: Services,
    measured: Measured,
    places: area_index.Known,
    key: IdempotencyKey = None,
) -> JSONResponse:
    """Staff at a registered counter submit a request on a citizen's behalf, with the counter's key,
    while it is open (409 when closed, saying when it opens)."""
    if closed := closed_now(counter, datetime.now(UTC), measured):
        return closed
    s = replace(body.submission("counter", source=counter.id), taken_by=body.staff_id)
    return await accept_one(pool, s, services, measured, f"counter/{counter.id}", key, body, places=places)


async def sync_item(
    conn: Any, unit: str, item: MobileItemIn, services: Catalogue, now: datetime, places: Places
) -> dict[str, Any]:
    """One offline item: created, already there from an earlier upload, in conflict with it, or rejected."""
    if (seen := await store.client_item(conn, "mobile", unit, item.client_id)) is not None:
        return mobile_items.existing(seen, item)
    answer: dict[str, Any] = {"client_id": item.client_id}
    try:
        body = RequestIn.model_validate(item.request)
    except ValidationError as error:
        found = problems_of(error, prefix="request.")
        return {**answer, "outcome": "rejected", "problems": found, "reason": "validation"}
    s = body.submission("mobile", source=unit, client_id=item.client_id, created_at=item.created_at)
    s = replace(s, client_fingerprint=mobile_items.item_fingerprint(item))
    if found_problems := problems(s, services, now, places=places):
        found = [problem(p.field, p.message) for p in found_problems]
        return {**answer, "outcome": "rejected", "problems": found, "reason": found_problems[0].reason}
    try:
        async with conn.transaction():  # a savepoint: one item's failure leaves the others
            r = await commands.submit(conn, s, now, services)
    except asyncpg.UniqueViolationError:  # a concurrent upload made it first
        seen = await store.client_item(conn, "mobile", unit, item.client_id)
        assert seen is not None
        return mobile_items.existing(seen, item)
    made = {"id": r.id, "tracking_code": r.tracking_code, "service": s.service_code}
    return {**answer, "outcome": "created", **made}


def count(results: list[dict[str, Any]], measured: IntakeMetrics) -> list[dict[str, Any]]:
    for r in results:
        if r["outcome"] == "created":
            measured.accepted.labels("mobile", r["service"]).inc()
        elif r["outcome"] in {"rejected", "conflict"}:
            measured.rejected.labels("mobile", r["reason"]).inc()
    return [{k: v for k, v in r.items() if k not in {"service", "reason"}} for r in results]


@router.post("/mobile-units/{unit_id}/sync", responses=AUTHENTICATED)
async def sync(
    unit: FromMobileUnit,
    body: MobileBatchIn,
    pool: Pool,
    services: Services,
    measured: Measured,
    places: area_index.Known,
    key: IdempotencyKey = None,
) -> JSONResponse:
    """A registered mobile unit uploads, with its key, what it took in offline; each item gets its own answer.

    Uploading the same batch again creates nothing new: every item answers `existing`. An item
    whose `client_id` was used before for other content answers `conflict`, naming the field.
    """
    now = datetime.now(UTC)

    async def work(conn: Any) -> Answer:
        results = [await sync_item(conn, unit.id, item, services, now, places) for item in body.items]
        return Answer(200, {"results": count(results, measured)})

    return answered(await idempotency.once(pool, f"mobile/{unit.id}", key, body, work), "mobile", measured)
