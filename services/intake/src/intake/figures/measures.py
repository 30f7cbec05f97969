"""What the projection counts, per dimension (agency, kind, service, kecamatan) and period, in SQL.

Every measure is a row per request (or per assignment) with the moment it counts at and a value:
counted in the period that moment falls in (weeks and months in Jakarta's time). A deadline is
judged when it was met or, unmet, once it passed (`as_of`); durations are the projection's, in
the working hours of the agency holding the request.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from dekat.db import Connection
from dekat.vocabulary import OPEN

Period = Literal["all", "week", "month"]
ZONE = "Asia/Jakarta"
LABEL = {"all": "'all'", "week": f"to_char(at AT TIME ZONE '{ZONE}', 'IYYY-\"W\"IW')",
         "month": f"to_char(at AT TIME ZONE '{ZONE}', 'YYYY-MM')"}  # fmt: skip
DIMENSIONS = "(VALUES ('agency', agency), ('kind', kind), ('service', service), ('kecamatan', kecamatan))"

MOMENTS = """
WITH r AS (
  SELECT r.*, a.kind FROM public_requests r LEFT JOIN public_agencies a ON a.code = r.agency_code
  WHERE r.submitted_at <= $1
), m AS (
  SELECT r.agency_code AS agency, r.kind, r.service_code AS service, r.kecamatan, x.measure, x.at, x.value
  FROM r CROSS JOIN LATERAL (VALUES
    ('received', r.submitted_at, 1.0),
    ('assign_hours', r.first_assigned_at, r.hours_to_assign),
    ('acknowledge_hours', r.acknowledged_at, r.hours_to_acknowledge),
    ('resolve_hours', r.resolved_at, r.hours_to_resolve),
    ('acknowledge_on_time',
      CASE WHEN r.acknowledge_by IS NULL THEN NULL WHEN r.acknowledged_at IS NOT NULL THEN r.acknowledged_at
           WHEN r.acknowledge_by < $1 THEN r.acknowledge_by END,
      CASE WHEN r.acknowledged_at <= r.acknowledge_by THEN 1.0 ELSE 0.0 END),
    ('resolve_on_time',
      CASE WHEN r.resolve_by IS NULL THEN NULL WHEN r.resolved_at IS NOT NULL THEN r.resolved_at
           WHEN r.resolve_by < $1 THEN r.resolve_by END,
      CASE WHEN r.resolved_at <= r.resolve_by THEN 1.0 ELSE 0.0 END),
    ('resolved', r.resolved_at, CASE WHEN r.reopened > 0 THEN 0.0 ELSE 1.0 END),
    ('held', r.assigned_at, CASE WHEN r.escalated > 0 THEN 0.0 ELSE 1.0 END)
  ) AS x (measure, at, value)
  UNION ALL
  SELECT a.value->>'agency', g.kind, r.service_code, r.kecamatan, 'assignments',
         (a.value->>'at')::timestamptz,
         CASE WHEN (a.value->>'bounced')::boolean THEN 0.0 ELSE 1.0 END
  FROM r CROSS JOIN LATERAL jsonb_array_elements(r.assignments) a
  LEFT JOIN public_agencies g ON g.code = a.value->>'agency'
)
SELECT d.dim, d.key, m.measure, {label} AS period, count(*) AS n, sum(m.value)::float8 AS total,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY m.value)::float8 AS median
FROM m CROSS JOIN LATERAL {dimensions} AS d (dim, key)
WHERE d.key IS NOT NULL AND m.at IS NOT NULL AND m.value IS NOT NULL AND m.at <= $1 AND m.at >= $2
GROUP BY 1, 2, 3, 4
"""

ELEMENTS = """
WITH s AS (
  SELECT s.answers, s.answered_at AS at, r.agency_code AS agency, a.kind, r.service_code AS service,
         r.kecamatan
  FROM public_surveys s JOIN public_requests r USING (request_id)
  LEFT JOIN public_agencies a ON a.code = r.agency_code
  WHERE s.answered_at <= $1 AND s.answered_at >= $2
)
SELECT d.dim, d.key, e.key AS element, {label} AS period, count(*) AS n, sum(e.value::int)::float8 AS total
FROM s CROSS JOIN LATERAL jsonb_each(s.answers) e CROSS JOIN LATERAL {dimensions} AS d (dim, key)
WHERE d.key IS NOT NULL AND jsonb_typeof(e.value) = 'number'
GROUP BY 1, 2, 3, 4
UNION ALL
SELECT d.dim, d.key, '*', {label}, count(*), 0
FROM s CROSS JOIN LATERAL {dimensions} AS d (dim, key)
WHERE d.key IS NOT NULL
  AND EXISTS (SELECT 1 FROM jsonb_each(s.answers) e WHERE jsonb_typeof(e.value) = 'number')
GROUP BY 1, 2, 4
"""
RESPONDENTS = "*"
"""The element name under which `ELEMENTS` counts respondents who answered anything."""

RATINGS = """
SELECT d.dim, d.key, 'rating' AS measure, {label} AS period, count(*) AS n, sum(rating)::float8 AS total,
       NULL::float8 AS median
FROM (SELECT g.rating, g.given_at AS at, r.agency_code AS agency, a.kind, r.service_code AS service,
             r.kecamatan
      FROM public_ratings g JOIN public_requests r USING (request_id)
      LEFT JOIN public_agencies a ON a.code = r.agency_code
      WHERE g.given_at <= $1 AND g.given_at >= $2) x
CROSS JOIN LATERAL {dimensions} AS d (dim, key)
WHERE d.key IS NOT NULL
GROUP BY 1, 2, 4
"""

OPEN_NOW = """
SELECT d.dim, d.key, count(*) AS n
FROM (SELECT r.agency_code AS agency, a.kind, r.service_code AS service, r.kecamatan
      FROM public_requests r LEFT JOIN public_agencies a ON a.code = r.agency_code
      WHERE r.status = ANY($1::text[])) x
CROSS JOIN LATERAL {dimensions} AS d (dim, key)
WHERE d.key IS NOT NULL
GROUP BY 1, 2
"""

DEMAND = """
SELECT kelurahan, kecamatan, service_code AS service, {label} AS period, count(*) AS n
FROM (SELECT kelurahan, kecamatan, service_code, submitted_at AS at FROM public_requests
      WHERE submitted_at <= $1 AND submitted_at >= $2 AND service_code IS NOT NULL) x
GROUP BY 1, 2, 3, 4
"""


@dataclass(frozen=True)
class Tally:
    """A measure in one group and period: how many, their sum, their median."""

    n: int
    total: float
    median: float | None = None


Key = tuple[str, str, str]
"""(dimension, its key, period): `("agency", "pam-jaya", "2026-W49")`."""


async def tallies(
    conn: Connection, period: Period, as_of: datetime, since: datetime
) -> dict[Key, dict[str, Tally]]:
    """Every measure, the survey's elements (and `*`, its respondents) and the ratings, by group."""
    found: dict[Key, dict[str, Tally]] = {}
    for query, name in ((MOMENTS, "measure"), (ELEMENTS, "element"), (RATINGS, "measure")):
        sql = query.format(label=LABEL[period], dimensions=DIMENSIONS)
        for row in await conn.fetch(sql, as_of, since):
            tally = Tally(row["n"], row["total"], row.get("median"))
            prefix = "element:" if name == "element" else ""
            found.setdefault((row["dim"], row["key"], row["period"]), {})[prefix + row[name]] = tally
    return found


async def open_now(conn: Connection) -> dict[tuple[str, str], int]:
    rows = await conn.fetch(OPEN_NOW.format(dimensions=DIMENSIONS), list(OPEN))
    return {(r["dim"], r["key"]): r["n"] for r in rows}


async def demand(
    conn: Connection, period: Period, as_of: datetime, since: datetime
) -> list[tuple[str | None, str | None, str, str, int]]:
    """(kelurahan, kecamatan, service, period, requests) for planning: where citizens ask for what."""
    rows = await conn.fetch(DEMAND.format(label=LABEL[period]), as_of, since)
    return [(r["kelurahan"], r["kecamatan"], r["service"], r["period"], r["n"]) for r in rows]
