"""What happens to a request, as recipes: load → decide (pure) → save and enqueue, in the caller's
transaction. Kafka handlers and the HTTP agency API both come through here."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime

from dekat import outbox, topics
from dekat.db import Connection
from dekat.events import Envelope
from dekat.payloads import AgencyResponse, RequestFeedback
from dekat.vocabulary import Status

from routing import announcements, decisions, snapshots, statuses, store
from routing.agencies import Agency, Network
from routing.assignments import Assignment, Submission
from routing.context import Context
from routing.decisions import Decision

FIRST_STATUS_SEQ = 1
"""`received` is 0 at intake; the assignment is the first change routing announces."""


@dataclass(frozen=True)
class Outcome:
    status: Status | None
    problem: str = ""
    field: str = "action"
    http_status: int = 200


NOT_FOUND = Outcome(None, "no such request is assigned to this agency", "request_id", 404)


async def assign(conn: Connection, ctx: Context, s: Submission, caused_by: Envelope) -> None:
    now = ctx.clock.now()
    await store.insert_request(conn, s)
    decision = await decide(conn, ctx, s, now, frozenset())
    if not await store.insert_assignment(conn, s.request_id, decision, FIRST_STATUS_SEQ, now):
        return  # the same request under another event id: it was assigned and announced then
    await store.record_decision(conn, s.request_id, decision, decision.outcome, now)
    await announce(conn, s, decision, FIRST_STATUS_SEQ, now, caused_by, None)
    ctx.measures.decisions.labels(decision.agency.code, decision.outcome).inc()
    if s.submitted_at is not None:
        ctx.measures.assignment_latency.observe(max(0.0, (now - s.submitted_at).total_seconds()))


async def decide(
    conn: Connection, ctx: Context, s: Submission, now: datetime, excluded: frozenset[str]
) -> Decision:
    network = await snapshots.network(conn, ctx.snapshot)
    rules = await snapshots.rules(conn, ctx.snapshot)
    load = await store.open_load(conn)
    started = time.perf_counter()
    decision = decisions.decide(s.to_request(), rules, network, load, now, excluded)
    ctx.measures.decision_duration.observe(time.perf_counter() - started)
    if decision.over_capacity:
        ctx.measures.over_capacity.labels(decision.agency.code).inc()
    return decision


async def announce(
    conn: Connection,
    s: Submission,
    d: Decision,
    seq: int,
    now: datetime,
    caused_by: Envelope | None,
    previous: str | None,
) -> None:
    assigned = announcements.assigned(s.request_id, d, seq, now, caused_by, previous, urgent=s.urgent)
    await outbox.enqueue(conn, topics.REQUESTS_ASSIGNED, assigned)
    await outbox.enqueue(conn, topics.agency(d.agency.code), announcements.work_item(s, d, now, caused_by))


async def respond(
    conn: Connection, ctx: Context, agency: str, r: AgencyResponse, caused_by: Envelope | None
) -> Outcome:
    """`agency` acted on a request it holds; anything else changes nothing."""
    current = await store.lock_assignment(conn, r.request_id)
    if current is None or current.agency_code != agency:
        return NOT_FOUND
    network = await snapshots.network(conn, ctx.snapshot)
    at = statuses.Situation(
        current.status,
        holder=current.agency_code,
        coordinator=network.coordinator,
        agencies=frozenset(network.agencies),
    )
    verdict = statuses.judge(r.action, at, note=r.note, transfer_to=r.transfer_to)
    if not verdict.allowed:
        return Outcome(None, verdict.problem, verdict.field, 409 if verdict.field == "action" else 422)
    now, holder = ctx.clock.now(), network.agencies[current.agency_code]
    if r.action == "reject":
        await reroute(conn, ctx, current, holder, network, r.note or "", now, caused_by)
    elif r.action == "transfer":
        await hand_over(conn, ctx, current, holder, network, r, now, caused_by)
    elif verdict.status is not None:
        await move(conn, current, verdict.status, holder, now, caused_by, note=r.note)
    return Outcome(verdict.status)


async def move(
    conn: Connection,
    current: Assignment,
    status: Status,
    holder: Agency,
    now: datetime,
    caused_by: Envelope | None,
    *,
    note: str | None,
    deadlines: tuple[datetime, datetime] | None = None,
) -> None:
    seq = current.status_seq + 1
    acknowledge_by, resolve_by = deadlines or (current.acknowledge_by, current.resolve_by)
    deadline = statuses.deadline_for(status, acknowledge_by, resolve_by)
    await store.set_status(
        conn, current.request_id, status=status, seq=seq, now=now, deadline=deadline, deadlines=deadlines
    )
    event = announcements.status_changed(
        current.request_id,
        status,
        seq,
        holder,
        now,
        caused_by,
        note=note,
        deadline=deadline and deadline[1],
        urgent=current.urgent,
    )
    await outbox.enqueue(conn, topics.REQUESTS_STATUS, event)


async def reroute(
    conn: Connection,
    ctx: Context,
    current: Assignment,
    holder: Agency,
    network: Network,
    reason: str,
    now: datetime,
    caused_by: Envelope | None,
) -> None:
    """The agency says it is not theirs: count the bounce, then the next valid agency leads."""
    note = f"{holder.name} says this is not theirs ({reason}); it is being passed on"
    rejected = announcements.status_changed(
        current.request_id,
        "rejected",
        current.status_seq + 1,
        holder,
        now,
        caused_by,
        note=note,
        urgent=current.urgent,
    )
    await outbox.enqueue(conn, topics.REQUESTS_STATUS, rejected)
    await store.count_bounce(conn, current.rule_version, current.rule_id, holder.code)
    ctx.measures.bounces.labels(holder.code).inc()
    refused_by = (*current.rejected_by, holder.code)
    s = await store.submission(conn, current.request_id)
    decision = await decide(conn, ctx, s, now, frozenset(refused_by))
    await reassign(
        conn, ctx, s, decision, current.status_seq + 2, now, caused_by, holder, refused_by, "rerouted"
    )


async def hand_over(
    conn: Connection,
    ctx: Context,
    current: Assignment,
    holder: Agency,
    network: Network,
    r: AgencyResponse,
    now: datetime,
    caused_by: Envelope | None,
) -> None:
    target = network.agencies[str(r.transfer_to)]
    note = f"{holder.name} transferred it to {target.name}"
    moved = announcements.status_changed(
        current.request_id,
        "transferred",
        current.status_seq + 1,
        holder,
        now,
        caused_by,
        note=note,
        urgent=current.urgent,
    )
    await outbox.enqueue(conn, topics.REQUESTS_STATUS, moved)
    s = await store.submission(conn, current.request_id)
    rules = await snapshots.rules(conn, ctx.snapshot)
    decision = decisions.handed_over(
        s.to_request(), rules, network, target.code, holder, r.note, now, current_rule=current.rule_id
    )
    seq = current.status_seq + 2
    await reassign(conn, ctx, s, decision, seq, now, caused_by, holder, current.rejected_by, "transferred")


async def reassign(
    conn: Connection,
    ctx: Context,
    s: Submission,
    decision: Decision,
    seq: int,
    now: datetime,
    caused_by: Envelope | None,
    previous: Agency,
    rejected_by: tuple[str, ...],
    outcome: str,
) -> None:
    await store.reassign(conn, s.request_id, decision, seq, now, rejected_by)
    await store.record_decision(conn, s.request_id, decision, outcome, now, previous.code)
    await announce(conn, s, decision, seq, now, caused_by, previous.code)
    ctx.measures.decisions.labels(decision.agency.code, outcome).inc()


async def give_feedback(
    conn: Connection, ctx: Context, f: RequestFeedback, caused_by: Envelope | None
) -> Outcome:
    """The citizen rated, contested a resolution, or gave the information asked for."""
    current = await store.lock_assignment(conn, f.request_id)
    if current is None:
        return Outcome(None, "no such request", "request_id", 404)
    verdict = statuses.judge(f.action, statuses.Situation(current.status))
    if not verdict.allowed:
        return Outcome(None, verdict.problem, "action", 409)
    if f.action == "rate" and f.rating is not None and not 1 <= f.rating <= 5:
        return Outcome(None, "a rating is a whole number from 1 to 5", "rating", 422)
    now = ctx.clock.now()
    network = await snapshots.network(conn, ctx.snapshot)
    holder = network.agencies[current.agency_code]
    if f.action == "rate" and f.rating is not None:
        await store.add_rating(conn, current.request_id, holder.code, f.rating, now)
    if verdict.status == current.status:
        return Outcome(verdict.status)
    restarted = None
    if f.action == "reopen":
        restarted = await restarted_deadlines(conn, ctx, current, holder, now)
    elif f.action == "provide_info":
        restarted = (
            current.acknowledge_by,
            decisions.resumed(current.resolve_by, current.updated_at, now, holder),
        )
    # No note: the citizen's own action needs no explaining, and notify words it in their language.
    assert verdict.status is not None
    await move(conn, current, verdict.status, holder, now, caused_by, note=None, deadlines=restarted)
    return Outcome(verdict.status)


async def restarted_deadlines(
    conn: Connection, ctx: Context, current: Assignment, holder: Agency, now: datetime
) -> tuple[datetime, datetime]:
    """A reopened request gets fresh deadlines, counted from now."""
    s = await store.submission(conn, current.request_id)
    rule_set = await snapshots.rules(conn, ctx.snapshot)
    rule = next((r for r in rule_set.rules if r.id == current.rule_id), None)
    policy = rule_set.deadlines_for(rule, s.service_code)
    return decisions.deadlines(now, policy, holder)
