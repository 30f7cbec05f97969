"""A request changes hands: the holder says it is not theirs (routing decides again, without it)
or transfers it by name. Both end the same way, in `hand_to`."""

from __future__ import annotations

from typing import Literal

from dekat import outbox, topics
from dekat.db import Connection
from dekat.vocabulary import Role

from routing import announcements, choosing, decisions, history, queues, snapshots, store
from routing.agencies import Agency
from routing.assignments import Assignment, Submission
from routing.context import Context
from routing.decisions import Decision
from routing.history import Done, Entry


async def reroute(conn: Connection, ctx: Context, current: Assignment, done: Done, reason: str) -> None:
    """The holder says it is not theirs: count the bounce, then the next valid agency leads."""
    holder = done.acting
    await announce_leaving(conn, current, done, "rejected", "not_ours", reason)
    await store.count_bounce(conn, current.rule_version, current.rule_id, holder.code)
    ctx.measures.bounces.labels(holder.code).inc()
    refused_by = (*current.rejected_by, holder.code)
    s = await store.submission(conn, current.request_id)
    decision = await choosing.decide(conn, ctx, s, done.at, frozenset(refused_by))
    await hand_to(conn, ctx, s, current, decision, done, refused_by, "rerouted")


async def transfer(
    conn: Connection, ctx: Context, current: Assignment, done: Done, target: Agency, note: str | None
) -> None:
    """The holder hands the request to another agency by name: that one leads now."""
    holder = done.acting
    await announce_leaving(conn, current, done, "transferred", "transferred", note)
    s = await store.submission(conn, current.request_id)
    rules = await snapshots.rules(conn, ctx.snapshot)
    network = await snapshots.network(conn, ctx.snapshot)
    decision = decisions.handed_over(
        s.to_request(), rules, network, target.code, holder, note, done.at, current_rule=current.rule_id
    )
    await hand_to(conn, ctx, s, current, decision, done, current.rejected_by, "transferred")


async def announce_leaving(
    conn: Connection,
    current: Assignment,
    done: Done,
    status: Literal["rejected", "transferred"],
    reason: str,
    note: str | None,
) -> None:
    """`rejected` or `transferred`, in the holder's own words: the status before the new holder."""
    holder, seq = done.acting, current.status_seq + 1
    event = announcements.status_changed(
        current.request_id,
        status,
        seq,
        holder,
        done.at,
        done.caused_by,
        reason=reason,
        note=note,
        urgent=current.urgent,
    )
    await outbox.enqueue(conn, topics.REQUESTS_STATUS, event)
    await history.add(
        conn, Entry(current.request_id, seq, "status", done.by, done.at, status, note, done.staff)
    )


async def hand_to(
    conn: Connection,
    ctx: Context,
    s: Submission,
    before: Assignment,
    decision: Decision,
    done: Done,
    rejected_by: tuple[str, ...],
    outcome: str,
) -> None:
    """The decided agency leads from now: those who had a part and have none now are released,
    everyone with a part gets the whole work item."""
    seq, now, previous = before.status_seq + 2, done.at, before.agency_code
    await store.reassign(conn, s.request_id, decision, seq, now, rejected_by)
    await store.record_decision(conn, s.request_id, decision, outcome, now, previous)
    await history.add(conn, Entry(s.request_id, seq, "status", history.ROUTING, now, "assigned"))
    assigned = announcements.assigned(
        s.request_id, decision, seq, now, done.caused_by, previous, urgent=s.urgent
    )
    await outbox.enqueue(conn, topics.REQUESTS_ASSIGNED, assigned)
    after = await store.lock_assignment(conn, s.request_id)
    assert after is not None
    for code, role in before.parties:
        if after.role_of(code) is None:
            why = released_because(role, outcome)
            gone = queues.released(s.request_id, seq, why, decision.agency.code, now, done.caused_by)
            await outbox.enqueue(conn, topics.agency(code), gone)
    await queues.hand_out(conn, s, decision.agency, now, done.caused_by)
    ctx.measures.decisions.labels(decision.agency.code, outcome).inc()


def released_because(role: Role, outcome: str) -> queues.Released:
    if role != "lead":
        return "support_ended"
    return "rejected" if outcome == "rerouted" else "transferred"
