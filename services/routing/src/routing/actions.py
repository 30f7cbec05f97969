"""What agencies do to requests, as recipes: load → judge (pure) → save, record, announce, and
tell every agency with a part in the request — all in the caller's transaction. Kafka handlers,
the agency API and the console all come through `respond`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from dekat import outbox, topics
from dekat.db import Connection
from dekat.events import Envelope
from dekat.payloads import AgencyResponse
from dekat.vocabulary import Deadline, Role, Status

from routing import (
    announcements,
    cases,
    choosing,
    deadlines,
    decisions,
    handovers,
    history,
    queues,
    snapshots,
    statuses,
    store,
)
from routing.agencies import Agency, Network
from routing.assignments import Assignment, Submission
from routing.context import Context
from routing.history import Done, Entry

FIRST_STATUS_SEQ = 1
"""`received` is 0 at intake; the assignment is the first change routing announces."""


@dataclass(frozen=True)
class ActionResult:
    """What an agency's or citizen's action led to: the status after it, or why it changed nothing."""

    status: Status | None
    problem: str = ""
    field: str = "action"
    http_status: int = 200


NOT_FOUND = ActionResult(None, "no such request is assigned to this agency", "request_id", 404)


async def assign(conn: Connection, ctx: Context, s: Submission, caused_by: Envelope) -> None:
    now = ctx.clock.now()
    await store.insert_request(conn, s)
    decision = await choosing.decide(conn, ctx, s, now, frozenset())
    if not await store.insert_assignment(conn, s.request_id, decision, FIRST_STATUS_SEQ, now):
        return  # the same request under another event id: it was assigned and announced then
    await store.record_decision(conn, s.request_id, decision, decision.outcome, now)
    await history.add(conn, Entry(s.request_id, FIRST_STATUS_SEQ, "status", history.ROUTING, now, "assigned"))
    assigned = announcements.assigned(
        s.request_id, decision, FIRST_STATUS_SEQ, now, caused_by, urgent=s.urgent
    )
    await outbox.enqueue(conn, topics.REQUESTS_ASSIGNED, assigned)
    await queues.hand_out(conn, s, decision.agency, now, caused_by)
    ctx.measures.decisions.labels(decision.agency.code, decision.outcome).inc()
    if s.facts.submitted_at is not None:
        ctx.measures.assignment_latency.observe(max(0.0, (now - s.facts.submitted_at).total_seconds()))


async def respond(
    conn: Connection,
    ctx: Context,
    agency: str,
    r: AgencyResponse,
    caused_by: Envelope | None,
    *,
    staff: str | None = None,
) -> ActionResult:
    """`agency` acted on a request it has a part in; anything else changes nothing. A refusal of
    a response that came over Kafka goes back to the agency's topic with the reason."""
    outcome = await act(conn, ctx, agency, r, caused_by, staff)
    if outcome.status is None and caused_by is not None:
        refusal = queues.refused(
            r.request_id, r.action, outcome.field, outcome.problem, caused_by, ctx.clock.now()
        )
        await outbox.enqueue(conn, topics.agency(agency), refusal)
    return outcome


async def act(
    conn: Connection,
    ctx: Context,
    agency: str,
    r: AgencyResponse,
    caused_by: Envelope | None,
    staff: str | None,
) -> ActionResult:
    current = await store.lock_assignment(conn, r.request_id)
    role = current.role_of(agency) if current else None
    if current is None or role is None:
        return NOT_FOUND
    network, now = await snapshots.network(conn, ctx.snapshot), ctx.clock.now()
    case = await cases.case_for(conn, r.request_id, r.merge_into, agency) if r.action == "merge" else None
    verdict = statuses.judge(
        r.action, situation(current, role, network, now, agency, case), note=r.note, transfer_to=r.transfer_to
    )
    if verdict.status is None:
        return ActionResult(None, verdict.problem, verdict.field, 409 if verdict.field == "action" else 422)
    done = Done(network.agencies[agency], staff, now, caused_by)
    if r.action == "reject":
        await handovers.reroute(conn, ctx, current, done, r.note or "")
    elif r.action == "transfer":
        await handovers.transfer(conn, ctx, current, done, network.agencies[str(r.transfer_to)], r.note)
    elif r.action == "update":
        await add_update(conn, current, network, done, role, str(r.note))
    elif r.action == "merge":
        await cases.merge(conn, current, network, done, str(r.merge_into))
    else:
        resumed = resumed_deadlines(current, network, now) if current.status == "info_requested" else None
        await move(
            conn,
            ctx,
            current,
            verdict.status,
            network,
            done,
            reason=verdict.reason,
            note=r.note,
            deadlines=resumed,
        )
    return ActionResult(verdict.status)


def resumed_deadlines(current: Assignment, network: Network, now: datetime) -> tuple[datetime, datetime]:
    """Going on after a question: the resolve deadline moves by the working hours spent waiting."""
    holder = network.agencies[current.agency_code]
    return current.acknowledge_by, decisions.resumed(
        current.resolve_by, current.paused_at, now, holder, urgent=current.urgent
    )


def situation(
    current: Assignment, role: Role, network: Network, now: datetime, agency: str, case: statuses.Case | None
) -> statuses.Situation:
    return statuses.Situation(
        current.status,
        role=role,
        holder=current.agency_code,
        coordinator=network.coordinator,
        agencies=network.active,
        answer_by=current.answer_by,
        now=now,
        agency=agency,
        case=case,
    )


async def move(
    conn: Connection,
    ctx: Context,
    current: Assignment,
    status: Status,
    network: Network,
    done: Done,
    *,
    reason: str | None,
    note: str | None,
    deadlines: tuple[datetime, datetime] | None = None,
) -> None:
    """The request becomes `status`: stored, recorded, announced, and every party told."""
    seq, holder, now = current.status_seq + 1, network.agencies[current.agency_code], done.at
    running, answer_by = next_deadline(ctx, current, status, now, deadlines)
    await store.set_status(
        conn,
        current.request_id,
        status=status,
        seq=seq,
        now=now,
        deadline=running,
        deadlines=deadlines,
        answer_by=answer_by,
    )
    await history.add(conn, Entry(current.request_id, seq, "status", done.by, now, status, note, done.staff))
    shown = answer_by or (running[1] if running and running[0] != "answer" else None)
    event = announcements.status_changed(
        current.request_id,
        status,
        seq,
        holder,
        now,
        done.caused_by,
        reason=reason,
        note=note,
        deadline=shown,
        urgent=current.urgent,
    )
    await outbox.enqueue(conn, topics.REQUESTS_STATUS, event)
    await tell_changed(
        conn, current.request_id, holder, done, reason=reason, note=note, reopened=status == "reopened"
    )


def next_deadline(
    ctx: Context,
    current: Assignment,
    status: Status,
    now: datetime,
    restarted: tuple[datetime, datetime] | None,
) -> tuple[tuple[Deadline, datetime] | None, datetime | None]:
    """(the deadline that runs now and when its first step is due, the citizen's answer-by)."""
    if status == "info_requested":
        remind_at, answer_by = deadlines.answer_deadline(now, ctx.answer_days)
        return ("answer", remind_at if current.citizen_reachable else answer_by), answer_by
    acknowledge_by, resolve_by = restarted or (current.acknowledge_by, current.resolve_by)
    return statuses.deadline_for(status, acknowledge_by, resolve_by), None


async def tell_changed(
    conn: Connection,
    request_id: str,
    lead: Agency,
    done: Done,
    *,
    reason: str | None,
    note: str | None,
    reopened: bool = False,
) -> None:
    """Every party learns the new state; a reopened request comes back as a whole work item."""
    after = await store.lock_assignment(conn, request_id)
    assert after is not None
    if reopened:
        await queues.hand_out(conn, await store.submission(conn, request_id), lead, done.at, done.caused_by)
        return
    await queues.tell(
        conn,
        after.parties,
        lambda role: queues.changed(
            after, role, done.at, done.caused_by, by=done.by, reason=reason, note=note
        ),
    )


async def add_update(
    conn: Connection, current: Assignment, network: Network, done: Done, role: Role, note: str
) -> None:
    """An agency working the request says what happened; the status stays, everyone hears it."""
    seq, holder, actor = current.status_seq + 1, network.agencies[current.agency_code], done.acting
    await store.bump_seq(conn, current.request_id, seq)
    entry = Entry(
        current.request_id, seq, "partner_update", done.by, done.at, current.status, note, done.staff
    )
    await history.add(conn, entry)
    event = announcements.status_changed(
        current.request_id,
        current.status,
        seq,
        holder,
        done.at,
        done.caused_by,
        change="update",
        by=actor,
        note=note,
        urgent=current.urgent,
    )
    await outbox.enqueue(conn, topics.REQUESTS_STATUS, event)
    others = [p for p in current.parties if p[0] != actor.code]
    await queues.tell(
        conn,
        others,
        lambda _: queues.partner_update(current.request_id, seq, actor, role, note, done.at, done.caused_by),
    )
