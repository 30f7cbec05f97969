"""The deadline worker: on each tick, claim what is due and take the next step of its ladder.

Rows are claimed with `FOR UPDATE SKIP LOCKED`, and the step, the new state and the outbox row
commit together: with several routing instances each step happens once, and after a restart
the worker carries on from the table.
"""

from __future__ import annotations

import asyncio
import logging

from dekat import outbox, topics
from dekat.db import Connection, Pool

from routing import announcements, deadlines, snapshots, store
from routing.agencies import Network
from routing.assignments import Assignment
from routing.context import Context

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
            await escalate(conn, ctx, assignment, network)
    return len(due)


async def escalate(conn: Connection, ctx: Context, a: Assignment, network: Network) -> None:
    assert a.due_at is not None
    assert a.deadline_kind is not None
    holder = network.agencies[a.agency_code]
    step = deadlines.escalation(
        a.escalation_step, a.deadline_kind, a.due_at, holder, network, a.escalate_every_hours
    )
    seq = a.status_seq + 1
    await store.escalated(conn, a.request_id, seq=seq, step=a.escalation_step + 1, next_due=step.next_due)
    event = announcements.escalated(a, seq, holder, step, ctx.clock.now(), urgent=a.urgent)
    await outbox.enqueue(conn, topics.REQUESTS_STATUS, event)
    submission = await store.submission(conn, a.request_id)
    notice = announcements.escalation_notice(submission, holder, step, a.due_at, event.time)
    await outbox.enqueue(conn, topics.agency(step.target.code), notice)
    if step.step == "reminder":
        ctx.measures.deadline_breaches.labels(holder.code, a.deadline_kind).inc()
    else:
        ctx.measures.decisions.labels(step.target.code, "escalated").inc()
    ctx.measures.escalations.labels(holder.code, step.step).inc()
    log.info("deadline step %s: %s", step.step, step.note, extra={"request_id": a.request_id})


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
