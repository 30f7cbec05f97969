"""What each audience may see of a request (pure). None of them ever holds contact details.

The public (anyone with a request id, Open311 listings) never sees what a confidential request
says or where it is, since either may identify the citizen; the holder of the tracking code sees
their own request in full, with its timeline.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from dekat.db import Connection
from dekat.vocabulary import Language

from intake import masking, store, timeline
from intake.catalogue import Service, in_language
from intake.statuses import open311_status

WIB = ZoneInfo("Asia/Jakarta")

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


MASKED = ("description", "address")
"""Free text in which a citizen may have typed a phone or an email (notes are masked as shown)."""


def withheld(row: dict[str, Any]) -> dict[str, Any]:
    """What the public sees: nothing identifying of a confidential request, no contact detail typed
    into the text of any (even one whose citizen let the agency know who they are)."""
    masked = {**row, **{k: masking.masked_or_none(row[k]) for k in MASKED}}
    if row["privacy"] == "public":
        return masked
    return {**masked, **dict.fromkeys(IDENTIFYING), "description": "(confidential)"}


def public(row: dict[str, Any], entries: list[dict[str, Any]], language: Language = "id") -> dict[str, Any]:
    """What anyone may see: the agencies' side of the story, never the citizen's own words."""
    shown = withheld(row)
    said = [{**e, "note": masking.masked_or_none(e.get("note"))} for e in entries]
    notes = timeline.status_note(said, language)
    steps = timeline.shown(said if row["privacy"] == "public" else unsaid(said), [], language)
    return {**{k: shown[k] for k in PUBLIC}, "status_notes": notes, "timeline": steps}


def unsaid(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A confidential request's timeline without what agencies wrote about it."""
    return [{**e, "note": None} for e in entries]


def owner(
    row: dict[str, Any],
    entries: list[dict[str, Any]],
    messages: list[dict[str, Any]],
    language: Language = "id",
) -> dict[str, Any]:
    """The citizen's own view: everything, with their own words among the agencies'."""
    return {
        **{k: row[k] for k in PUBLIC},
        "status_notes": timeline.status_note(entries, language),
        "tracking_code": row["tracking_code"],
        "supporting": row.get("supporting") or [],
        "timeline": timeline.shown(entries, messages, language),
    }


FOLLOWS_THE_CASE = ("status", "agency_code", "agency_name", "expected_at", "supporting", "updated_at")
"""What a merged request shows of the case it follows."""


async def owner_of(
    conn: Connection, tracking_code: str, language: Language, reporter_key: str | None = None
) -> dict[str, Any] | None:
    """The owner's view of the request with this tracking code; None if there is none. With the
    reporter's key, their own words are in it (and they may answer); a merged request shows its case."""
    row = await store.request_by(conn, "tracking_code", tracking_code)
    if row is None:
        return None
    reporter = await store.reporter_by_token(conn, row["id"], reporter_key) if reporter_key else None
    messages = await store.citizen_messages(conn, row["id"], reporter.reporter_id) if reporter else []
    entries = await store.timeline_of(conn, row["id"])
    if row.get("merged_into") and (case := await store.request_by(conn, "id", row["merged_into"])):
        since = entries[-1]["at"] if entries else row["submitted_at"]
        entries += [e for e in await store.timeline_of(conn, case["id"]) if e["at"] > since]
        row = {**row, **{k: case[k] for k in FOLLOWS_THE_CASE}}
    return {**owner(row, entries, messages, language), "merged": bool(row.get("merged_into"))}


def w3c(at: datetime | None) -> str | None:
    return at.isoformat(timespec="seconds") if at else None


def duration(hours: int, language: str) -> str:
    days, rest = divmod(hours, 24)
    if days and not rest:
        return f"{days} {'days' if language == 'en' else 'hari'}"
    return f"{hours} {'hours' if language == 'en' else 'jam'}"


def service_notice(service: Service | None, language: str) -> str | None:
    """The catalogue's rough expectation, for a request no agency has given a deadline yet."""
    if service is None:
        return None
    within = duration(service.expected_hours, language)
    return f"Expected within {within}" if language == "en" else f"Perkiraan selesai dalam {within}"


def latest_note(row: dict[str, Any], language: str) -> str | None:
    """The latest change in the reader's language; an agency's words only on a public request."""
    last = row.get("last_change")
    if not last:
        return None
    said = {**last, "agency_name": last.get("agency_name") or row["agency_name"]}
    if row["privacy"] != "public":
        said["note"] = None
    return timeline.status_note([said], "en" if language == "en" else "id")


def deadline_notice(expected_at: datetime, language: str) -> str:
    """The deadline routing set when it assigned the request, in Jakarta time."""
    local = f"{expected_at.astimezone(WIB):%d-%m-%Y %H:%M} WIB"
    return f"Expected by {local}" if language == "en" else f"Target selesai {local}"


def completion_notice(row: dict[str, Any], service: Service | None, language: str) -> str | None:
    if row["expected_at"] is None:
        return service_notice(service, language)
    return deadline_notice(row["expected_at"], language)


def open311(row: dict[str, Any], service: Service | None, language: str) -> dict[str, Any]:
    """A GeoReport v2 `request`, with the spec's field names; once assigned, `expected_datetime` and
    `service_notice` tell the deadline routing set (`resolve_by`), not the catalogue's default."""
    shown = withheld(row)
    return {
        "service_request_id": row["id"],
        "status": open311_status(row["status"]),
        "status_notes": masking.masked_or_none(latest_note(row, language)),
        "service_name": in_language(service.name, language) if service else None,
        "service_code": row["service_code"],
        "description": shown["description"],
        "agency_responsible": row["agency_name"],
        "service_notice": completion_notice(row, service, language),
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
