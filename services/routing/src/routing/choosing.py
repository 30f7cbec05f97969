"""Choosing who handles a request: load what the pure decision needs, decide, and time it."""

from __future__ import annotations

import time
from datetime import datetime

from dekat.db import Connection

from routing import decisions, snapshots, store
from routing.assignments import Submission
from routing.context import Context
from routing.decisions import Decision


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
