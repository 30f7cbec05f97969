"""The survey's answers in intake's tables. Connection first; callers own the transaction."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from dekat.db import Connection

from intake.surveys import Answers


async def resolved_at(conn: Connection, request_id: str) -> datetime | None:
    """When the request was last resolved (a contest and a new resolution open a new week)."""
    found: datetime | None = await conn.fetchval(
        "SELECT max(at) FROM timeline WHERE request_id = $1 AND kind = 'status' AND status = 'resolved'",
        request_id,
    )
    return found


async def keep(
    conn: Connection, request_id: str, reporter_id: str, answers: Answers, comment: str | None, now: datetime
) -> None:
    """The reporter's answer, replacing any earlier one (the first moment they answered stays)."""
    await conn.execute(
        "INSERT INTO survey_answers"
        " (request_id, reporter_id, answers, comment, first_answered_at, answered_at)"
        " VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT (request_id, reporter_id) DO UPDATE SET"
        " answers = EXCLUDED.answers, comment = EXCLUDED.comment, answered_at = EXCLUDED.answered_at",
        request_id,
        reporter_id,
        answers,
        comment,
        now,
    )


async def answer_of(conn: Connection, request_id: str, reporter_id: str) -> dict[str, Any] | None:
    row = await conn.fetchrow(
        "SELECT answers, comment, first_answered_at, answered_at FROM survey_answers"
        " WHERE request_id = $1 AND reporter_id = $2",
        request_id,
        reporter_id,
    )
    return dict(row) if row else None
