"""The satisfaction survey (SKM, PermenPANRB 14/2017): who may answer when, and what it announces (pure).

A reporter of a resolved request answers the nine elements 1 (not good) to 4 (very good), or
leaves one out as not applicable, with a suggestion if they like. One answer per reporter and
request: answering again within 7 days of the resolution replaces it. It does not close the
request (the quick 1-5 rating does) and it does not stop a contest.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from dekat.events import Envelope, new_event
from dekat.payloads import SURVEY_ANSWERED, RequestSurveyAnswered
from dekat.vocabulary import SURVEY_ELEMENTS, SurveyElement

WINDOW = timedelta(days=7)
"""How long after the resolution the answer may be given or changed."""
ANSWERABLE = frozenset({"resolved", "closed"})
SCORES = (1, 2, 3, 4)

Answers = dict[SurveyElement, int | None]


def every_element(given: dict[SurveyElement, int | None]) -> Answers:
    """All nine elements, in the regulation's order; those not given are not applicable (None)."""
    return {e: given.get(e) for e in SURVEY_ELEMENTS}


def refusal(status: str, resolved_at: datetime | None, now: datetime) -> str | None:
    """Why the survey cannot be answered now; None if it can."""
    if status not in ANSWERABLE or resolved_at is None:
        return f"the survey opens when the request is resolved; it is {status}"
    if now > resolved_at + WINDOW:
        return "the survey closed 7 days after the resolution"
    return None


def closes_at(resolved_at: datetime) -> datetime:
    return resolved_at + WINDOW


def answered(
    request_id: str, reporter_id: str, answers: Answers, comment: str | None, now: datetime
) -> Envelope:
    data = RequestSurveyAnswered(
        request_id=request_id, reporter_id=reporter_id, answers=answers, comment=comment, answered_at=now
    )
    return new_event(SURVEY_ANSWERED, subject=request_id, data=data, source="intake", now=now)
