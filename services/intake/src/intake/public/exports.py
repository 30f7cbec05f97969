"""The open data's queries, read through a server-side cursor on a connection of their own (an
export may take minutes; it must not hold one of the pool's). Connection first."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import asyncpg
from dekat import db
from dekat.vocabulary import OPEN, SURVEY_ELEMENTS

from intake.public.open_data import BATCH, Row

ELEMENT_MEANS = ", ".join(f"avg((answers->>'{e}')::int) AS skm_{e}" for e in SURVEY_ELEMENTS)
REQUESTS = f"""
SELECT r.request_id::text, r.service_code, r.kecamatan, r.kelurahan, r.origin, r.privacy, r.status,
       r.agency_code, a.name AS agency_name, a.kind AS agency_kind, r.submitted_at, r.first_assigned_at,
       r.acknowledged_at, r.resolved_at, r.closed_at, r.acknowledge_by, r.resolve_by, r.hours_to_assign,
       r.hours_to_acknowledge, r.hours_to_resolve, r.reopened, r.escalated,
       (SELECT count(*) FROM jsonb_array_elements(r.assignments) x WHERE (x->>'bounced')::boolean) AS bounced,
       g.rating_count, g.rating_mean, s.skm_respondents, {", ".join(f"s.skm_{e}" for e in SURVEY_ELEMENTS)},
       r.description, r.lat, r.long
FROM public_requests r
LEFT JOIN public_agencies a ON a.code = r.agency_code
LEFT JOIN LATERAL (SELECT count(*) AS skm_respondents, {ELEMENT_MEANS}
                   FROM public_surveys WHERE request_id = r.request_id) s ON true
LEFT JOIN LATERAL (SELECT count(*) AS rating_count, avg(rating) AS rating_mean
                   FROM public_ratings WHERE request_id = r.request_id) g ON true
WHERE r.submitted_at IS NOT NULL
ORDER BY r.submitted_at, r.request_id
"""

DAILY = """
SELECT to_char(submitted_at AT TIME ZONE 'Asia/Jakarta', 'YYYY-MM-DD') AS day, service_code,
       kecamatan AS kecamatan_code, count(*) AS received,
       count(first_assigned_at) AS assigned, count(acknowledged_at) AS acknowledged,
       count(resolved_at) AS resolved, count(*) FILTER (WHERE status = ANY($1::text[])) AS open,
       round(percentile_cont(0.5) WITHIN GROUP (ORDER BY hours_to_resolve)::numeric, 2)::float8
           AS median_hours_to_resolve
FROM public_requests WHERE submitted_at IS NOT NULL
GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
"""


async def connect(dsn: str) -> asyncpg.Connection[Any]:
    conn: asyncpg.Connection[Any] = await asyncpg.connect(dsn, timeout=5)
    await db.init_connection(conn)
    return conn


async def batches(conn: asyncpg.Connection[Any], query: str, *args: Any) -> AsyncIterator[list[Row]]:
    """The rows of `query` in batches, from one consistent view of the tables; closes `conn`."""
    try:
        async with conn.transaction(isolation="repeatable_read", readonly=True):
            batch: list[Row] = []
            async for record in conn.cursor(query, *args, prefetch=BATCH):
                batch.append(dict(record))
                if len(batch) == BATCH:
                    yield batch
                    batch = []
            if batch:
                yield batch
    finally:
        await conn.close(timeout=2)


def requests(conn: asyncpg.Connection[Any]) -> AsyncIterator[list[Row]]:
    return batches(conn, REQUESTS)


def daily(conn: asyncpg.Connection[Any]) -> AsyncIterator[list[Row]]:
    return batches(conn, DAILY, list(OPEN))
