"""An open-data row names nobody: no code, no contact, words and a place only for public requests."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from typing import Any

from dekat.vocabulary import SURVEY_ELEMENTS
from intake.public import columns, open_data

AT = datetime(2026, 11, 16, 2, 0, 30, tzinfo=UTC)


def stored(**changes: Any) -> dict[str, Any]:
    read = (
        *("first_assigned_at", "resolved_at", "closed_at", "resolve_by", "agency_code", "rating_mean"),
        *("hours_to_assign", "hours_to_acknowledge", "hours_to_resolve"),
        *(f"skm_{e}" for e in SURVEY_ELEMENTS),
    )
    base: dict[str, Any] = dict.fromkeys(read)
    return {
        **base,
        "request_id": "0d3c2a52-8f3e-4b0e-9a9e-1c2d3e4f5a6b",
        "service_code": "pothole", "kecamatan": "kec-menteng", "kelurahan": "kel-menteng", "origin": "web",
        "privacy": "public", "status": "resolved", "submitted_at": AT, "acknowledge_by": AT,
        "acknowledged_at": AT, "reopened": 0, "escalated": 0, "bounced": 0, "rating_count": 0,
        "skm_respondents": 1, "skm_time": 3.5, "description": "Lubang", "lat": -6.195, "long": 106.835,
        "agency_name": "Dinas Bina Marga", "agency_kind": "government",
        **changes,
    }  # fmt: skip


NAMES = {"kec-menteng": "Menteng", "kel-menteng": "Menteng"}


def test_a_public_row_has_its_masked_words_and_rounded_place_and_a_derived_id() -> None:
    row = open_data.request_row(stored(), NAMES, AT)
    assert row["id"] == open_data.row_id("0d3c2a52-8f3e-4b0e-9a9e-1c2d3e4f5a6b")
    assert len(row["id"]) == 20
    assert "0d3c2a52" not in json.dumps(row)
    assert (row["description"], row["lat"], row["kecamatan"]) == ("Lubang", -6.195, "Menteng")
    assert (row["created_at"], row["acknowledged_on_time"], row["skm_time"]) == (
        "2026-11-16T02:00Z",
        True,
        3.5,
    )
    assert list(row) == [name for name, _ in columns.REQUESTS]


def test_a_confidential_row_has_neither_words_nor_place() -> None:
    row = open_data.request_row(stored(privacy="confidential"), NAMES, AT)
    assert (row["description"], row["lat"], row["long"]) == (None, None, None)
    assert row["kelurahan_code"] == "kel-menteng"


def test_a_deadline_unmet_is_late_once_it_passed_and_not_judged_before() -> None:
    assert open_data.on_time(None, AT, datetime(2026, 11, 17, tzinfo=UTC)) is False
    assert open_data.on_time(None, AT, datetime(2026, 11, 15, tzinfo=UTC)) is None
    assert open_data.on_time(None, None, AT) is None


def test_csv_has_its_header_once_and_empty_cells_for_nothing() -> None:
    names = tuple(n for n, _ in columns.REQUESTS)
    text = open_data.csv_text([open_data.request_row(stored(), NAMES, AT)], True, names)
    text += open_data.csv_text([open_data.request_row(stored(privacy="anonymous"), NAMES, AT)], False, names)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 2
    assert rows[1]["description"] == ""
    assert rows[0]["acknowledged_on_time"] == "true"


async def test_the_json_export_is_one_document_however_it_is_cut() -> None:
    async def batches() -> Any:
        yield [{"n": 1}, {"n": 2}]
        yield []
        yield [{"n": 3}]

    chunks = [
        c async for c in open_data.as_json(batches(), lambda r: r, {"licence": "CC BY 4.0"}, "requests")
    ]
    assert json.loads("".join(chunks)) == {"licence": "CC BY 4.0", "requests": [{"n": 1}, {"n": 2}, {"n": 3}]}
