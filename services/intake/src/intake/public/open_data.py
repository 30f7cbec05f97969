"""Every request, anonymised, and daily aggregates: streamed (a server-side cursor read in batches,
written as it is read), so a million rows never sit in memory. No name, no contact, no tracking
code; a description and a position (to about 100 m) only for public requests.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime
from typing import Any

from intake.public.columns import DAILY, REQUESTS

BATCH = 1000
SALT = "dekat-open-data:"
"""A row's `id` is derived from the request's, so it stays the same in every export but names
nothing: it cannot be turned back into the request (nor its tracking code)."""

Row = dict[str, Any]


def row_id(request_id: str) -> str:
    return hashlib.sha256((SALT + request_id).encode()).hexdigest()[:20]


def utc_minute(at: datetime | None) -> str | None:
    """To the minute, in UTC: `2026-12-01T08:15Z`."""
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%MZ") if at else None


def on_time(done: datetime | None, due: datetime | None, now: datetime) -> bool | None:
    """Met by the deadline; late once it passed unmet; not judged yet (or without a deadline)."""
    if due is None:
        return None
    if done is not None:
        return done <= due
    return False if due < now else None


def request_row(r: Row, names: dict[str, str], now: datetime) -> Row:
    """One request as the open data shows it (the stored row already holds no person)."""
    public = r["privacy"] == "public"
    return {
        "id": row_id(r["request_id"]),
        "service_code": r["service_code"],
        "kecamatan_code": r["kecamatan"],
        "kecamatan": names.get(r["kecamatan"] or ""),
        "kelurahan_code": r["kelurahan"],
        "kelurahan": names.get(r["kelurahan"] or ""),
        "origin": r["origin"],
        "privacy": r["privacy"],
        "status": r["status"],
        "agency_code": r["agency_code"],
        "agency_name": r["agency_name"],
        "agency_kind": r["agency_kind"],
        "created_at": utc_minute(r["submitted_at"]),
        "assigned_at": utc_minute(r["first_assigned_at"]),
        "acknowledged_at": utc_minute(r["acknowledged_at"]),
        "resolved_at": utc_minute(r["resolved_at"]),
        "closed_at": utc_minute(r["closed_at"]),
        "acknowledge_by": utc_minute(r["acknowledge_by"]),
        "resolve_by": utc_minute(r["resolve_by"]),
        "hours_to_assign": r["hours_to_assign"],
        "hours_to_acknowledge": r["hours_to_acknowledge"],
        "hours_to_resolve": r["hours_to_resolve"],
        "acknowledged_on_time": on_time(r["acknowledged_at"], r["acknowledge_by"], now),
        "resolved_on_time": on_time(r["resolved_at"], r["resolve_by"], now),
        "reopened": r["reopened"],
        "escalated": r["escalated"],
        "bounced": r["bounced"],
        "rating_count": r["rating_count"],
        "rating_mean": rounded(r["rating_mean"]),
        "skm_respondents": r["skm_respondents"],
        **{
            name: rounded(r[name])
            for name, _ in REQUESTS
            if name.startswith("skm_") and name != "skm_respondents"
        },
        "description": r["description"] if public else None,
        "lat": r["lat"] if public else None,
        "long": r["long"] if public else None,
    }


def daily_row(r: Row, names: dict[str, str]) -> Row:
    return {
        **{name: r[name] for name, _ in DAILY if name in r},
        "kecamatan": names.get(r["kecamatan_code"] or ""),
    }


def rounded(value: Any) -> float | None:
    return None if value is None else round(float(value), 2)


def csv_text(rows: list[Row], header: bool, names: tuple[str, ...]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if header:
        writer.writerow(names)
    writer.writerows([[cell(r[n]) for n in names] for r in rows])
    return out.getvalue()


def cell(value: Any) -> Any:
    if value is None:
        return ""
    return "true" if value is True else "false" if value is False else value


def json_text(rows: list[Row], first: bool) -> str:
    body = ",\n".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in rows)
    return ("" if first else ",\n") + body


async def as_csv(
    batches: AsyncIterator[list[Row]], shape: Callable[[Row], Row], names: tuple[str, ...]
) -> AsyncIterator[str]:
    header = True
    async for batch in batches:
        yield csv_text([shape(r) for r in batch], header, names)
        header = False
    if header:
        yield csv_text([], True, names)


async def as_json(
    batches: AsyncIterator[list[Row]], shape: Callable[[Row], Row], about: dict[str, Any], key: str
) -> AsyncIterator[str]:
    opening = json.dumps(about, ensure_ascii=False)[:-1]
    yield f'{opening}, "{key}": [\n'
    first = True
    async for batch in batches:
        if batch:
            yield json_text([shape(r) for r in batch], first)
            first = False
    yield "\n]}\n"
