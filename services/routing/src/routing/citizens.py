"""What citizens say about their requests: an answer to a question, a contest, a rating. Every
word reaches the agencies working the request and its history; the status moves as the request
life says (a recipe in the caller's transaction)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from dekat.db import Connection
from dekat.events import Envelope
from dekat.payloads import RequestFeedback

from routing import actions, cases, decisions, history, queues, snapshots, statuses, store
from routing.actions import ActionResult
from routing.agencies import Agency
from routing.assignments import Assignment
from routing.context import Context
from routing.history import Done, Entry

MESSAGE_KIND: dict[str, Literal["answer", "contest", "rating"]] = {
    # what the citizen's words are, by what they did (following says nothing)
    "provide_info": "answer",
    "reopen": "contest",
    "rate": "rating",
}


async def give_feedback(
    conn: Connection, ctx: Context, f: RequestFeedback, caused_by: Envelope | None
) -> ActionResult:
    """The citizen rated, contested a resolution, or gave the information asked for."""
    current = await store.lock_assignment(conn, f.request_id)
    if current is None:
        return ActionResult(None, "no such request", "request_id", 404)
    verdict = statuses.judge(f.action, statuses.Situation(current.status))
    if verdict.status is None:
        return ActionResult(None, verdict.problem, "action", 409)
    if f.action == "rate" and f.rating is not None and not 1 <= f.rating <= 5:
        return ActionResult(None, "a rating is a whole number from 1 to 5", "rating", 422)
    now = ctx.clock.now()
    network = await snapshots.network(conn, ctx.snapshot)
    holder = network.agencies[current.agency_code]
    if f.action == "rate" and f.rating is not None:
        await store.rate(conn, current.request_id, holder.code, f.rating, f.reporter_id or "", now)
    done = Done(None, None, now, caused_by)
    if f.action == "follow":
        await cases.followed(conn, current, done)
        return ActionResult(verdict.status)
    if verdict.status != current.status:
        restarted = await restarted_deadlines(conn, ctx, current, holder, now, f.action)
        await actions.move(
            conn,
            ctx,
            current,
            verdict.status,
            network,
            done,
            reason=verdict.reason,
            note=None,
            deadlines=restarted,
        )
    await tell_what_was_said(conn, current.request_id, f, done)
    return ActionResult(verdict.status)


async def tell_what_was_said(conn: Connection, request_id: str, f: RequestFeedback, done: Done) -> None:
    """The citizen's own words to the request's history and to every agency working it."""
    if f.comment is None and f.rating is None:
        return
    after = await store.lock_assignment(conn, request_id)
    assert after is not None
    seq, kind = after.status_seq, MESSAGE_KIND[f.action]
    text = f.comment if f.rating is None else f"{f.rating}/5" + (f": {f.comment}" if f.comment else "")
    await history.add(
        conn, Entry(request_id, seq, "citizen_message", history.CITIZEN, done.at, after.status, text)
    )
    await queues.tell(
        conn,
        after.parties,
        lambda _: queues.citizen_message(request_id, seq, kind, f.comment, f.rating, done.at, done.caused_by),
    )


async def restarted_deadlines(
    conn: Connection, ctx: Context, current: Assignment, holder: Agency, now: datetime, action: str
) -> tuple[datetime, datetime] | None:
    """A reopened request gets fresh deadlines from now; an answered question lets the resolve
    deadline run on, moved by the working hours spent waiting."""
    if action == "reopen":
        s = await store.submission(conn, current.request_id)
        rule_set = await snapshots.rules(conn, ctx.snapshot)
        rule = next((r for r in rule_set.rules if r.id == current.rule_id), None)
        policy = rule_set.deadlines_for(rule, s.facts.service_code)
        return decisions.deadlines(now, policy, holder, urgent=current.urgent)
    if action == "provide_info":
        resolve_by = decisions.resumed(
            current.resolve_by, current.paused_at, now, holder, urgent=current.urgent
        )
        return current.acknowledge_by, resolve_by
    return None
