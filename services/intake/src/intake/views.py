"""What each audience may see of a request (pure). None of them ever holds contact details.

The public (anyone with a request id, Open311 listings) never sees what a confidential request
says or where it is, since either may identify the citizen; the holder of the tracking code sees
their own request in full, with its timeline.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from intake.catalogue import Service, in_language
from intake.statuses import open311_status

IDENTIFYING = ("description", "lat", "long", "address", "address_id", "zipcode", "media_url", "attributes")
"""What a confidential request keeps out of every public view."""

PUBLIC = (
    "id",
    "service_code",
    "channel",
    "privacy",
    "status",
    "status_seq",
    "status_notes",
    "agency_code",
    "agency_name",
    "expected_at",
    "submitted_at",
    "updated_at",
    *IDENTIFYING,
)


def withheld(row: dict[str, Any]) -> dict[str, Any]:
    if row["privacy"] == "public":
        return row
    return {**row, **dict.fromkeys(IDENTIFYING), "description": "(confidential)"}


def public(row: dict[str, Any], timeline: list[dict[str, Any]]) -> dict[str, Any]:
    shown = withheld(row)
    return {**{k: shown[k] for k in PUBLIC}, "timeline": timeline}


def owner(row: dict[str, Any], timeline: list[dict[str, Any]]) -> dict[str, Any]:
    return {**{k: row[k] for k in PUBLIC}, "tracking_code": row["tracking_code"], "timeline": timeline}


def w3c(at: datetime | None) -> str | None:
    return at.isoformat(timespec="seconds") if at else None


def duration(hours: int, language: str) -> str:
    days, rest = divmod(hours, 24)
    if days and not rest:
        return f"{days} {'days' if language == 'en' else 'hari'}"
    return f"{hours} {'hours' if language == 'en' else 'jam'}"


def service_notice(service: Service | None, language: str) -> str | None:
    if service is None:
        return None
    within = duration(service.expected_hours, language)
    return f"Expected within {within}" if language == "en" else f"Perkiraan selesai dalam {within}"


def open311(row: dict[str, Any], service: Service | None, language: str) -> dict[str, Any]:
    """A GeoReport v2 `request`, with the spec's field names."""
    shown = withheld(row)
    return {
        "service_request_id": row["id"],
        "status": open311_status(row["status"]),
        "status_notes": row["status_notes"],
        "service_name": in_language(service.name, language) if service else None,
        "service_code": row["service_code"],
        "description": shown["description"],
        "agency_responsible": row["agency_name"],
        "service_notice": service_notice(service, language),
        "requested_datetime": w3c(row["submitted_at"]),
        "updated_datetime": w3c(row["updated_at"]),
        "expected_datetime": w3c(row["expected_at"]),
        "address": shown["address"],
        "address_id": shown["address_id"],
        "zipcode": shown["zipcode"],
        "lat": shown["lat"],
        "long": shown["long"],
        "media_url": shown["media_url"],
    }
