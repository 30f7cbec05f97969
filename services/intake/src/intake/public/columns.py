"""The open data's columns: named once, in this order, for the CSV, the JSON and the data dictionary.

Stable: a column is never renamed or removed, and a new one is added at the end.
"""

from __future__ import annotations

from dekat.vocabulary import SURVEY_ELEMENTS

REQUESTS = (
    ("id", "text"),
    ("service_code", "text"),
    ("kecamatan_code", "text"),
    ("kecamatan", "text"),
    ("kelurahan_code", "text"),
    ("kelurahan", "text"),
    ("origin", "text"),
    ("privacy", "text"),
    ("status", "text"),
    ("agency_code", "text"),
    ("agency_name", "text"),
    ("agency_kind", "text"),
    ("created_at", "datetime"),
    ("assigned_at", "datetime"),
    ("acknowledged_at", "datetime"),
    ("resolved_at", "datetime"),
    ("closed_at", "datetime"),
    ("acknowledge_by", "datetime"),
    ("resolve_by", "datetime"),
    ("hours_to_assign", "number"),
    ("hours_to_acknowledge", "number"),
    ("hours_to_resolve", "number"),
    ("acknowledged_on_time", "boolean"),
    ("resolved_on_time", "boolean"),
    ("reopened", "integer"),
    ("escalated", "integer"),
    ("bounced", "integer"),
    ("rating_count", "integer"),
    ("rating_mean", "number"),
    ("skm_respondents", "integer"),
    *((f"skm_{element}", "number") for element in SURVEY_ELEMENTS),
    ("description", "text"),
    ("lat", "number"),
    ("long", "number"),
)
"""(name, type) of every column of `requests.csv` and `requests.json`."""

DAILY = (
    ("day", "date"),
    ("service_code", "text"),
    ("kecamatan_code", "text"),
    ("kecamatan", "text"),
    ("received", "integer"),
    ("assigned", "integer"),
    ("acknowledged", "integer"),
    ("resolved", "integer"),
    ("open", "integer"),
    ("median_hours_to_resolve", "number"),
)
"""(name, type) of every column of `daily.csv` and `daily.json`: requests by the day they came in
(Jakarta time), service and kecamatan, and what has become of them since."""
