"""One case, many reporters: an agency merges a duplicate into the case it follows from then on,
and a citizen who reports the same problem follows the case (recipes in the caller's transaction).

intake moves the duplicate's reporters onto the case when it hears the duplicate was merged, so
every reporter is told of each change of the case once.
"""

from __future__ import annotations

from dekat import outbox, topics
from dekat.db import Connection

from routing import announcements, history, queues, statuses, store
from routing.agencies import Network
from routing.assignments import Assignment
from routing.history import Done, Entry


async def case_for(
    conn: Connection, duplicate: str, merge_into: str | None, agency: str
) -> statuses.Case | None:
    """The case a merge names, as the acting agency sees it; None when none is named."""
    if merge_into is None:
        return None
    case = await store.lock_assignment(conn, merge_into) if merge_into != duplicate else None
    if case is None:
        return statuses.Case(merge_into, None, is_self=merge_into == duplicate)
    return statuses.Case(merge_into, case.status, case.role_of(agency), merged=case.case_id is not None)


async def merge(conn: Connection, duplicate: Assignment, network: Network, done: Done, case_id: str) -> None:
    """The duplicate is closed as merged and released; the case's agencies get it with its reporters."""
    case = await store.lock_assignment(conn, case_id)
    assert case is not None
    seq, holder, now = duplicate.status_seq + 1, network.agencies[duplicate.agency_code], done.at
    await store.set_status(conn, duplicate.request_id, status="closed", seq=seq, now=now, deadline=None)
    await store.merge(conn, duplicate, case)
    said = f"merged into case {case_id}"
    await history.add(
        conn, Entry(duplicate.request_id, seq, "status", done.by, now, "closed", said, done.staff)
    )
    closed = announcements.status_changed(
        duplicate.request_id,
        "closed",
        seq,
        holder,
        now,
        done.caused_by,
        reason="merged",
        urgent=duplicate.urgent,
        merged_into=case_id,
    )
    await outbox.enqueue(conn, topics.REQUESTS_STATUS, closed)
    gone = queues.released(duplicate.request_id, seq, "merged", case_id, now, done.caused_by)
    for code, _ in duplicate.parties:
        await outbox.enqueue(conn, topics.agency(code), gone)
    joined = f"request {duplicate.request_id} merged into this case ({duplicate.reporters} reporter(s))"
    await history.add(
        conn, Entry(case_id, case.status_seq, "status", done.by, now, case.status, joined, done.staff)
    )
    await queues.hand_out(
        conn, await store.submission(conn, case_id), network.agencies[case.agency_code], now, done.caused_by
    )


async def followed(conn: Connection, case: Assignment, done: Done) -> None:
    """Another citizen follows the case: one more reporter, and its agencies know."""
    await store.add_reporters(conn, case.request_id, 1)
    after = await store.lock_assignment(conn, case.request_id)
    assert after is not None
    await queues.tell(
        conn,
        after.parties,
        lambda role: queues.changed(
            after, role, done.at, done.caused_by, by=history.CITIZEN, reason="followed"
        ),
    )
