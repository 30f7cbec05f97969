"""The projection's consumers: each event becomes a fact, and its request is folded again.

Every handler first checks that its generation is the one being built (`store.generation`, held
shared until commit): after a rebuild, the consumers of an older generation write nothing.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from dekat import topics
from dekat.db import Connection
from dekat.events import Envelope
from dekat.payloads import (
    AGENCY,
    ASSIGNED,
    FEEDBACK,
    STATUS_CHANGED,
    SUBMITTED,
    SURVEY_ANSWERED,
    NetworkAgency,
    RequestAssigned,
    RequestFeedback,
    RequestStatusChanged,
    RequestSubmitted,
    RequestSurveyAnswered,
)
from dekat.subscriptions import Handler, Poison, Subscription

from intake.area_index import AreaIndex
from intake.projection import durations, facts, placing, store
from intake.projection.facts import Fact
from intake.projection.store import Said

GROUP = "intake.public"
SUBMITTER = "00000000-0000-0000-0000-000000000000"
"""Feedback without a reporter id came from the one who submitted the request."""


def group(generation: int) -> str:
    return f"{GROUP}.{generation}"


async def refold(conn: Connection, request_id: str, fact: Fact | None = None) -> None:
    """Add `fact`, then fold the request again from all its facts, with its holder's hours.

    The holder's calendar is read under its agency's lock (shared): a new calendar either is
    committed before (and read here) or waits for this request and then counts it again.
    """
    if fact is not None:
        await store.lock_request(conn, request_id)
        await store.add_fact(conn, request_id, fact)
    record = facts.fold(request_id, await store.facts_of(conn, request_id))
    if record.agency_code is not None and fact is not None:
        await store.lock_agency(conn, record.agency_code, shared=True)
    time = await store.working_time(conn, record.agency_code)
    await store.save(conn, record, durations.hours(record, time), time.revision if time else None)
    await store.changed(conn)


def on_submitted(index: AreaIndex) -> Handler:
    async def handle(conn: Connection, event: Envelope) -> None:
        s = event.payload(RequestSubmitted)
        await index.refresh(conn)  # one small query; a reload only if the areas changed since
        place = placing.place(index.current, s.area_code, s.lat, s.long)
        await refold(conn, s.request_id, facts.submitted(s, place, str(event.id)))

    return handle


async def on_assigned(conn: Connection, event: Envelope) -> None:
    a = event.payload(RequestAssigned)
    await refold(conn, a.request_id, facts.assigned(a, str(event.id)))


async def on_status(conn: Connection, event: Envelope) -> None:
    s = event.payload(RequestStatusChanged)
    await refold(conn, s.request_id, facts.status(s, str(event.id)))


async def on_feedback(conn: Connection, event: Envelope) -> None:
    """A quick rating counts; a contest or an answer shows in the status events already."""
    f = event.payload(RequestFeedback)
    if f.action == "rate" and f.rating is not None:
        said = Said(f.request_id, f.reporter_id or SUBMITTER, f.given_at or event.time, str(event.id))
        await store.keep_rating(conn, said, f.rating)
        await store.changed(conn)


async def on_survey(conn: Connection, event: Envelope) -> None:
    s = event.payload(RequestSurveyAnswered)
    said = Said(s.request_id, s.reporter_id, s.answered_at, str(event.id))
    await store.keep_survey(conn, said, {k: v for k, v in s.answers.items()})
    await store.changed(conn)


async def on_agency(conn: Connection, event: Envelope) -> None:
    """Keep the newest revision; when its calendars changed, count its requests' hours again."""
    agency = event.payload(NetworkAgency)
    try:
        time = durations.working_time(agency)
    except (ValueError, TypeError) as error:
        raise Poison(f"agency {agency.code!r}: {error}") from error
    await store.lock_agency(conn, agency.code, shared=False)  # after the requests being folded now
    before = await store.working_time(conn, agency.code)
    if not await store.keep_agency(conn, agency):
        return
    if before is None or (before.calendar, before.on_call) != (time.calendar, time.on_call):
        for request_id in await store.held_by(conn, agency.code):
            await refold(conn, request_id)  # without its request lock: a writer of it waits for ours
    await store.changed(conn)


def guarded(generation: int, handler: Handler) -> Handler:
    """`handler`, if its generation is still the one being built; else nothing happens."""

    async def handle(conn: Connection, event: Envelope) -> None:
        if await store.generation(conn) == generation:
            await handler(conn, event)

    return handle


def subscriptions(generation: int, index: AreaIndex) -> list[Subscription]:
    name = group(generation)

    def on(
        topic: str, part: str, handlers: dict[str, Callable[[Connection, Envelope], Awaitable[None]]]
    ) -> Subscription:
        return Subscription(topic, f"{name}.{part}", {t: guarded(generation, h) for t, h in handlers.items()})

    return [
        on(topics.REQUESTS_SUBMITTED, "submitted", {SUBMITTED: on_submitted(index)}),
        on(topics.REQUESTS_ASSIGNED, "assigned", {ASSIGNED: on_assigned}),
        on(topics.REQUESTS_STATUS, "status", {STATUS_CHANGED: on_status}),
        on(topics.REQUESTS_FEEDBACK, "feedback", {FEEDBACK: on_feedback, SURVEY_ANSWERED: on_survey}),
        on(topics.NETWORK_AGENCIES, "agencies", {AGENCY: on_agency}),
    ]
