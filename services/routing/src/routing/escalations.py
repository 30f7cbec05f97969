"""The deadline worker: on each tick, claim what is due and take the next step of its ladder.

Rows are claimed with `FOR UPDATE SKIP LOCKED`, and the step, the new state and the outbox rows
commit together: with several routing instances each step happens once, and after a restart
the worker carries on from the table.
"""

from __future__ import annotations

import asyncio
import logging

from dekat import outbox, topics
from dekat.db import Connection, Pool

from routing import announcements, deadlines, history, queues, snapshots, store
from routing.agencies import Network
from routing.assignments import Assignment
from routing.context import Context
from routing.history import Entry

log = logging.getLogger(__name__)


async def escalate_due(pool: Pool, ctx: Context, limit: int = 100) -> int:
    """Take one step for every request whose deadline step is due now; how many were taken."""
    now = ctx.clock.now()
    async with pool.acquire() as conn, conn.transaction():
        due = await store.claim_due(conn, now, limit)
        if not due:
            return 0
        network = await snapshots.network(conn, ctx.snapshot)
        for assignment in due:
            if assignment.deadline_kind == "answer":
                await answer_due(conn, ctx, assignment, network)
            else:
                await escalate(conn, ctx, assignment, network)
    return len(due)


async def escalate(conn: Connection, ctx: Context, a: Assignment, network: Network) -> None:
    """The holder missed its deadline: the next office up its ladder is told."""
    assert a.due_at is not None
    assert a.deadline_kind is not None
    holder, now = network.agencies[a.agency_code], ctx.clock.now()
    step = deadlines.escalation(
        a.escalation_step, a.deadline_kind, a.due_at, holder, network, a.escalate_every_hours, urgent=a.urgent
    )
    seq = a.status_seq + 1
    await store.escalated(
        conn,
        a.request_id,
        seq=seq,
        step=a.escalation_step + 1,
        next_due=step.next_due,
        overseer=step.target.code if step.oversees else None,
        stuck_at=now if step.stuck else None,
    )
    event = announcements.escalated(a, seq, holder, step, now, urgent=a.urgent)
    await outbox.enqueue(conn, topics.REQUESTS_STATUS, event)
    await history.add(conn, Entry(a.request_id, seq, "escalated", history.ROUTING, now, a.status, step.note))
    submission = await store.submission(conn, a.request_id)
    notice = queues.escalation_notice(submission, holder, step, a.due_at, now)
    await outbox.enqueue(conn, topics.agency(step.target.code), notice)
    if step.oversees:  # the office told now has a part in the request: it gets the whole of it
        await queues.hand_out(conn, submission, holder, now, None)
    measure(ctx, holder.code, a.deadline_kind, step)
    log.info("deadline step %s: %s", step.step, step.note, extra={"request_id": a.request_id})


def measure(ctx: Context, holder: str, kind: str, step: deadlines.Escalation) -> None:
    if step.step == "reminder":
        ctx.measures.deadline_breaches.labels(holder, kind).inc()
    else:
        ctx.measures.decisions.labels(step.target.code, "escalated").inc()
    ctx.measures.escalations.labels(holder, step.step).inc()
    if step.stuck:
        ctx.measures.stuck.labels(holder).inc()


async def answer_due(conn: Connection, ctx: Context, a: Assignment, network: Network) -> None:
    """The citizen's time to answer: remind them halfway, then tell the agency it may go on."""
    assert a.answer_by is not None
    now, holder = ctx.clock.now(), network.agencies[a.agency_code]
    step = deadlines.answer_step(a.escalation_step, answer_by=a.answer_by, reachable=a.citizen_reachable)
    if step.remind_citizen:
        seq = a.status_seq + 1
        await store.escalated(conn, a.request_id, seq=seq, step=a.escalation_step + 1, next_due=step.next_due)
        event = announcements.status_changed(
            a.request_id,
            a.status,
            seq,
            holder,
            now,
            None,
            change="reminder",
            deadline=a.answer_by,
            urgent=a.urgent,
        )
        await outbox.enqueue(conn, topics.REQUESTS_STATUS, event)
        return
    await store.escalated(conn, a.request_id, seq=a.status_seq, step=a.escalation_step + 1, next_due=None)
    submission = await store.submission(conn, a.request_id)
    await outbox.enqueue(
        conn, topics.agency(holder.code), queues.unanswered_notice(submission, holder, a.answer_by, now)
    )
    log.info("the citizen has not answered in time", extra={"request_id": a.request_id})


async def run(pool: Pool, ctx: Context, every_seconds: float) -> None:
    """Forever: escalate what is due; a failure is logged and retried on the next tick."""
    while True:
        try:
            while await escalate_due(pool, ctx):
                pass
        except asyncio.CancelledError:
            raise
        except Exception as error:
            log.warning("deadline worker tick failed: %r", error)
        await asyncio.sleep(every_seconds)
