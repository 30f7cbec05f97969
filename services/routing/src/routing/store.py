"""routing's requests, assignments and decisions. `conn` first; callers own the transaction."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from dekat.db import Connection
from dekat.payloads import RequestFacts, SharedIdentity
from dekat.vocabulary import OPEN, Deadline, Status

from routing.assignments import Assignment, Submission
from routing.decisions import Decision


async def insert_request(conn: Connection, s: Submission) -> bool:
    """False if this request is already here."""
    f = s.facts
    status: str = await conn.execute(
        "INSERT INTO requests (request_id, tracking_code, service_code, description, lat, long,"
        " address, privacy, attributes, submitted_at, priority, shared_identity, facts, area_code)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)"
        " ON CONFLICT (request_id) DO NOTHING",
        f.request_id,
        f.tracking_code,
        f.service_code,
        f.description,
        f.lat,
        f.long,
        f.address,
        f.privacy,
        f.attributes,
        f.submitted_at,
        f.priority,
        s.shared_identity.model_dump(exclude_none=True) if s.shared_identity else None,
        f.model_dump(mode="json"),
        f.area_code,
    )
    return status == "INSERT 0 1"


async def submission(conn: Connection, request_id: str) -> Submission:
    row = await conn.fetchrow("SELECT facts, shared_identity FROM requests WHERE request_id = $1", request_id)
    assert row is not None
    identity = row["shared_identity"]
    return Submission(
        RequestFacts.model_validate(row["facts"]),
        SharedIdentity.model_validate(identity) if identity else None,
    )


def decided(request_id: str, d: Decision, seq: int, now: datetime) -> tuple[Any, ...]:
    """$1..$11 of both assignment writes: what the decision says, as columns."""
    return (
        request_id,
        d.agency.code,
        list(d.reasons),
        d.rule_version,
        d.rule_id,
        [a.code for a in d.supporting],
        seq,
        now,
        d.acknowledge_by,
        d.resolve_by,
        d.policy.escalate_every_hours,
    )


async def insert_assignment(conn: Connection, request_id: str, d: Decision, seq: int, now: datetime) -> bool:
    """False if the request was already assigned: it never is twice."""
    status: str = await conn.execute(
        "INSERT INTO assignments (request_id, agency_code, reasons, rule_version, rule_id, supporting,"
        " status, status_seq, assigned_at, acknowledge_by, resolve_by, deadline_kind, due_at,"
        " escalate_every_hours, updated_at) VALUES ($1, $2, $3, $4, $5, $6, 'assigned', $7, $8, $9, $10,"
        " 'acknowledge', $9, $11, $8) ON CONFLICT (request_id) DO NOTHING",
        *decided(request_id, d, seq, now),
    )
    return status == "INSERT 0 1"


async def reassign(
    conn: Connection, request_id: str, d: Decision, seq: int, now: datetime, rejected_by: tuple[str, ...]
) -> None:
    """A new holder starts afresh: its own deadlines, no overseer, the ladder from the bottom."""
    await conn.execute(
        "UPDATE assignments SET agency_code = $2, reasons = $3, rule_version = $4, rule_id = $5,"
        " supporting = $6, status = 'assigned', status_seq = $7, assigned_at = $8, acknowledge_by = $9,"
        " resolve_by = $10, deadline_kind = 'acknowledge', due_at = $9, escalation_step = 0,"
        " escalate_every_hours = $11, rejected_by = $12, updated_at = $8, overseer = NULL,"
        " stuck_since = NULL, answer_by = NULL, paused_at = NULL WHERE request_id = $1",
        *decided(request_id, d, seq, now),
        list(rejected_by),
    )


async def record_decision(
    conn: Connection, request_id: str, d: Decision, outcome: str, now: datetime, previous: str | None = None
) -> None:
    await conn.execute(
        "INSERT INTO decisions (request_id, agency_code, previous_agency_code, outcome, rule_id,"
        " rule_version, reasons, decided_at, explanation) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        request_id,
        d.agency.code,
        previous,
        outcome,
        d.rule_id,
        d.rule_version,
        list(d.reasons),
        now,
        {language: list(said) for language, said in d.explanation.items()},
    )


ASSIGNMENT = (
    "SELECT a.request_id::text, a.agency_code, a.status, a.status_seq, a.rule_id, a.rule_version,"
    " a.acknowledge_by, a.resolve_by, a.rejected_by, a.escalation_step, a.due_at, a.deadline_kind,"
    " a.escalate_every_hours, a.updated_at, r.priority = 'urgent' AS urgent, a.supporting, a.overseer,"
    " a.answer_by, a.paused_at, coalesce((r.facts ->> 'citizen_reachable')::boolean, true)"
    " AS citizen_reachable, a.assigned_at, a.case_id::text, a.reporters"
    " FROM assignments a JOIN requests r USING (request_id)"
)


def assignment_of(row: Any) -> Assignment:
    fields = dict(row)
    return Assignment(
        **{**fields, "rejected_by": tuple(fields["rejected_by"]), "supporting": tuple(fields["supporting"])}
    )


async def lock_assignment(conn: Connection, request_id: str) -> Assignment | None:
    """The request's assignment, locked until the transaction ends: changes to it are serial."""
    row = await conn.fetchrow(ASSIGNMENT + " WHERE a.request_id = $1 FOR UPDATE OF a", request_id)
    return None if row is None else assignment_of(row)


async def set_status(
    conn: Connection,
    request_id: str,
    *,
    status: Status,
    seq: int,
    now: datetime,
    deadline: tuple[Deadline, datetime] | None,
    deadlines: tuple[datetime, datetime] | None = None,
    answer_by: datetime | None = None,
) -> None:
    """The new status; the running deadline (kind, when its first step is due) restarts its
    ladder. Asking the citizen (`answer_by`) pauses the resolve deadline from now."""
    await conn.execute(
        "UPDATE assignments SET status = $2, status_seq = $3, updated_at = $4, deadline_kind = $5,"
        " due_at = $6, escalation_step = 0, acknowledge_by = coalesce($7, acknowledge_by),"
        " resolve_by = coalesce($8, resolve_by), stuck_since = NULL, answer_by = $9,"
        " paused_at = CASE WHEN $9::timestamptz IS NULL THEN NULL ELSE $4::timestamptz END"
        " WHERE request_id = $1",
        request_id,
        status,
        seq,
        now,
        deadline[0] if deadline else None,
        deadline[1] if deadline else None,
        deadlines[0] if deadlines else None,
        deadlines[1] if deadlines else None,
        answer_by,
    )


async def bump_seq(conn: Connection, request_id: str, seq: int) -> None:
    """A change that leaves the status where it is (an update, a citizen's rating)."""
    await conn.execute("UPDATE assignments SET status_seq = $2 WHERE request_id = $1", request_id, seq)


async def claim_due(conn: Connection, now: datetime, limit: int) -> list[Assignment]:
    """Open assignments whose next deadline step is due, locked; rows others hold are skipped."""
    rows = await conn.fetch(
        ASSIGNMENT + " WHERE a.due_at <= $1 AND a.status = ANY($2::text[])"
        " ORDER BY a.due_at LIMIT $3 FOR UPDATE OF a SKIP LOCKED",
        now,
        list(OPEN),
        limit,
    )
    return [assignment_of(r) for r in rows]


async def escalated(
    conn: Connection,
    request_id: str,
    *,
    seq: int,
    step: int,
    next_due: datetime | None,
    overseer: str | None = None,
    stuck_at: datetime | None = None,
) -> None:
    await conn.execute(
        "UPDATE assignments SET status_seq = $2, escalation_step = $3, due_at = $4,"
        " overseer = coalesce($5, overseer), stuck_since = coalesce($6, stuck_since) WHERE request_id = $1",
        request_id,
        seq,
        step,
        next_due,
        overseer,
        stuck_at,
    )


async def count_bounce(conn: Connection, rule_version: int, rule_id: str | None, agency_code: str) -> None:
    await conn.execute(
        "INSERT INTO rule_bounces (rule_version, rule_id, agency_code, bounces) VALUES ($1, $2, $3, 1)"
        " ON CONFLICT (rule_version, rule_id, agency_code) DO UPDATE SET bounces = rule_bounces.bounces + 1",
        rule_version,
        rule_id or "(coordinator)",
        agency_code,
    )


async def rate(
    conn: Connection, request_id: str, agency_code: str, rating: int, reporter: str, now: datetime
) -> None:
    """One rating per reporter: a second answer replaces the first."""
    await conn.execute(
        "INSERT INTO ratings (request_id, agency_code, rating, given_at, reporter_id)"
        " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (request_id, reporter_id)"
        " DO UPDATE SET rating = $3, given_at = $4, agency_code = $2",
        request_id,
        agency_code,
        rating,
        now,
        reporter,
    )


async def open_load(conn: Connection) -> dict[str, int]:
    """Open requests per agency."""
    rows = await conn.fetch(
        "SELECT agency_code, count(*) AS n FROM assignments WHERE status = ANY($1::text[])"
        " GROUP BY agency_code",
        list(OPEN),
    )
    return {r["agency_code"]: r["n"] for r in rows}


async def stuck(conn: Connection) -> int:
    """Open requests whose ladder ended at their holder: operators must step in."""
    found: int = await conn.fetchval(
        "SELECT count(*) FROM assignments WHERE stuck_since IS NOT NULL AND status = ANY($1::text[])",
        list(OPEN),
    )
    return found


NEARBY_METRES = 150
DUPLICATE_DAYS = 14


async def possible_duplicates(conn: Connection, f: RequestFacts, now: datetime) -> list[str]:
    """Open requests of the same service within ~150 m in the last 14 days, nearest first.

    The box (±0.01°, about 1.1 km) and the order come from the `requests_near` GiST index; the
    haversine distance then keeps those within `NEARBY_METRES`.
    """
    if f.lat is None or f.long is None:
        return []
    rows = await conn.fetch(
        "SELECT r.request_id::text FROM requests r JOIN assignments a USING (request_id)"
        " WHERE r.service_code = $1 AND r.request_id <> $2 AND a.case_id IS NULL"
        " AND a.status = ANY($3::text[]) AND r.submitted_at >= $4::timestamptz - make_interval(days => $5)"
        " AND r.lat IS NOT NULL AND r.long IS NOT NULL"
        " AND point(r.long, r.lat) <@ box(point($7 - 0.01, $6 - 0.01), point($7 + 0.01, $6 + 0.01))"
        " AND 6371000 * 2 * asin(sqrt(power(sin(radians(r.lat - $6) / 2), 2) + cos(radians($6))"
        "   * cos(radians(r.lat)) * power(sin(radians(r.long - $7) / 2), 2))) <= $8"
        " ORDER BY point(r.long, r.lat) <-> point($7, $6) LIMIT 5",
        f.service_code,
        f.request_id,
        list(OPEN),
        now,
        DUPLICATE_DAYS,
        f.lat,
        f.long,
        NEARBY_METRES,
    )
    return [r["request_id"] for r in rows]


async def merge(conn: Connection, duplicate: Assignment, case: Assignment) -> None:
    """The duplicate follows the case from now; its reporters are the case's too."""
    await conn.execute(
        "UPDATE assignments SET case_id = $2 WHERE request_id = $1", duplicate.request_id, case.request_id
    )
    await add_reporters(conn, case.request_id, duplicate.reporters)


async def add_reporters(conn: Connection, request_id: str, count: int) -> None:
    await conn.execute(
        "UPDATE assignments SET reporters = reporters + $2 WHERE request_id = $1", request_id, count
    )
