"""Kafka handlers: submissions are assigned, agencies' responses and citizens' feedback applied."""

from __future__ import annotations

import logging
import re
import uuid

from dekat import topics
from dekat.db import Connection
from dekat.events import Envelope
from dekat.payloads import (
    AGENCY_RESPONSE,
    FEEDBACK,
    SUBMITTED,
    SURVEY_ANSWERED,
    AgencyResponse,
    RequestFeedback,
    RequestSubmitted,
    RequestSurveyAnswered,
)
from dekat.subscriptions import Handler, Poison, Subscription

from routing import actions, citizens
from routing.assignments import Submission
from routing.context import Context

GROUP = "routing"
RESPONSE_TOPICS = re.escape(topics.agency_responses("@")).replace("@", "[a-z0-9][a-z0-9-]*")
"""Every agency's response topic; the agency is the one the topic names."""
log = logging.getLogger(__name__)


def subscriptions(ctx: Context) -> list[Subscription]:
    async def on_submitted(conn: Connection, event: Envelope) -> None:
        request = event.payload(RequestSubmitted)
        keyed(request.request_id)
        await actions.assign(conn, ctx, Submission.of(request), event)

    def responses_of(topic: str) -> dict[str, Handler]:
        agency = topics.agency_of_responses(topic)
        if agency is None:
            return {}  # every event on it is poison: not a response topic at all

        async def on_response(conn: Connection, event: Envelope) -> None:
            response = event.payload(AgencyResponse)
            keyed(response.request_id)
            outcome = await actions.respond(conn, ctx, agency, response, event)
            ignored_unless_done(outcome, event, response.action)

        return {AGENCY_RESPONSE: on_response}

    async def on_feedback(conn: Connection, event: Envelope) -> None:
        feedback = event.payload(RequestFeedback)
        keyed(feedback.request_id)
        ignored_unless_done(await citizens.give_feedback(conn, ctx, feedback, event), event, feedback.action)

    def on(topic: str, name: str, event_type: str, handler: Handler) -> Subscription:
        return Subscription(topic, f"{GROUP}.{name}", {event_type: handler})

    feedback: dict[str, Handler] = {FEEDBACK: on_feedback, SURVEY_ANSWERED: on_survey_answered}
    return [
        on(topics.REQUESTS_SUBMITTED, "submitted", SUBMITTED, on_submitted),
        Subscription(RESPONSE_TOPICS, f"{GROUP}.responses", {}, by_topic=responses_of),
        Subscription(topics.REQUESTS_FEEDBACK, f"{GROUP}.feedback", feedback),
    ]


async def on_survey_answered(conn: Connection, event: Envelope) -> None:
    """Taken and left alone: the survey's figures are intake's (its public projection), and a
    survey answer changes nothing about the request. Read, so a malformed one is still parked."""
    answered = event.payload(RequestSurveyAnswered)
    keyed(answered.request_id)


def keyed(request_id: str) -> None:
    """The request id must key our tables; otherwise no retry will ever help."""
    try:
        uuid.UUID(request_id)
    except ValueError as error:
        raise Poison(f"request_id {request_id!r} is not a UUID") from error


def ignored_unless_done(outcome: actions.ActionResult, event: Envelope, action: str) -> None:
    """An action that is not valid now changes nothing; it is logged, not parked."""
    if outcome.status is None:
        log.warning(
            "ignored %s: %s",
            action,
            outcome.problem,
            extra={"request_id": event.subject, "event_id": event.id, "event_type": event.type},
        )
