"""Keeping intake's status read model, its timeline and its copy of the network's areas current
from routing's events."""

from __future__ import annotations

from dekat import topics
from dekat.db import Connection
from dekat.events import Envelope
from dekat.payloads import AREA, ASSIGNED, STATUS_CHANGED, NetworkArea, RequestAssigned, RequestStatusChanged
from dekat.subscriptions import Poison, Subscription

from intake import areas, areas_store, cases, store, timeline
from intake.statuses import moves_forward

GROUP = "intake"


async def on_assigned(conn: Connection, event: Envelope) -> None:
    a = event.payload(RequestAssigned)
    current = await store.status_seq(conn, a.request_id)
    if current is None:
        return
    await store.add_to_timeline(conn, timeline.of_assignment(a))
    if not moves_forward(current, a.status_seq):  # late: keep its history, and the agency if none yet
        await store.fill_agency(conn, a.request_id, (a.agency_code, a.agency_name), a.resolve_by)
        return
    await store.set_status(
        conn,
        a.request_id,
        status="assigned",
        seq=a.status_seq,
        at=a.assigned_at,
        agency=(a.agency_code, a.agency_name),
        supporting=[s.name for s in a.supporting],
    )
    await store.set_expected(conn, a.request_id, a.resolve_by)  # this assignment's deadline, even none


async def on_status_changed(conn: Connection, event: Envelope) -> None:
    s = event.payload(RequestStatusChanged)
    current = await store.status_seq(conn, s.request_id)
    if current is None:
        return
    await store.add_to_timeline(conn, timeline.of_change(s))
    if s.reason == "merged" and s.merged_into:
        await cases.merged(conn, s.request_id, s.merged_into, s.changed_at)
    if s.change != "status" or not moves_forward(current, s.status_seq):
        return  # an escalation, an update, a reminder: history, not a new status; or a late one
    agency = (s.agency_code, s.agency_name) if s.agency_code else None
    await store.set_status(
        conn, s.request_id, status=s.status, seq=s.status_seq, at=s.changed_at, agency=agency
    )


async def on_area(conn: Connection, event: Envelope) -> None:
    """Keep the newest revision of an area; every instance's index reloads when the table changes."""
    area = event.payload(NetworkArea)
    try:
        areas.shape_of(area.geometry)
    except ValueError as error:
        raise Poison(f"area {area.code!r}: {error}") from error
    await areas_store.keep(conn, area)


SUBSCRIPTIONS = [
    Subscription(topics.REQUESTS_ASSIGNED, f"{GROUP}.assigned", {ASSIGNED: on_assigned}),
    Subscription(topics.REQUESTS_STATUS, f"{GROUP}.status", {STATUS_CHANGED: on_status_changed}),
    Subscription(topics.NETWORK_AREAS, f"{GROUP}.areas", {AREA: on_area}),
]
