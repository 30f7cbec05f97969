"""Accepting one request: the use case every entry point (web, counter, Open311) translates into.

Checked (every problem at once), stored with its events in one transaction, answered once per
`Idempotency-Key`, counted. What the caller is told is each entry point's own: `answer_of` turns
the receipt into the answer the idempotency key will replay.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from dekat.db import Connection, Pool

from intake import commands, idempotency
from intake.areas import Places
from intake.catalogue import Catalogue
from intake.commands import Receipt
from intake.idempotency import Answer
from intake.metrics import IntakeMetrics
from intake.submissions import Problem, Submission, problems

AnswerOf = Callable[[Receipt], Answer]


def receipt(r: Receipt) -> dict[str, Any]:
    """What the submitter is told once: the code that reads the request, the key that answers it."""
    return {"id": r.id, "tracking_code": r.tracking_code, "status": r.status, "reporter_key": r.reporter_key}


def created(r: Receipt) -> Answer:
    return Answer(201, receipt(r))


async def accept(
    pool: Pool,
    s: Submission,
    *,
    services: Catalogue,
    places: Places,
    measured: IntakeMetrics,
    scope: str,
    key: str | None,
    body: Any,
    answer_of: AnswerOf = created,
) -> Answer | list[Problem]:
    """The answer (first or replayed), or every problem with the submission."""
    now = datetime.now(UTC)
    if found := problems(s, services, now, places=places):
        measured.reject(s.channel, found)
        return found

    async def work(conn: Connection) -> Answer:
        return answer_of(await commands.submit(conn, s, now, services))

    answer = await idempotency.once(pool, scope, key, body, work)
    if answer.status < 400 and not answer.replayed:
        measured.accepted.labels(s.channel, s.service_code).inc()
    return answer
