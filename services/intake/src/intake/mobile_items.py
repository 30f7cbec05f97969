"""A mobile unit's offline item against what an earlier upload made of it (pure).

A device names each item with its own `client_id`. Re-sending the same item (a retried upload)
finds the request it made and answers `existing`; the same id with other content is a
`conflict`, never silently the old request.
"""

from __future__ import annotations

from datetime import UTC
from typing import Any

from intake.bodies import MobileItemIn
from intake.idempotency import fingerprint

COMPARED = ("service_code", "description", "lat", "long", "address", "area_code", "privacy")
"""Fields whose difference a conflict can name; any other difference is named `request`."""


def item_fingerprint(item: MobileItemIn) -> str:
    """The same content gives the same digest, however its JSON or its time zone was written."""
    return fingerprint({"created_at": item.created_at.astimezone(UTC), "request": item.request})


def same_item(seen: dict[str, Any], item: MobileItemIn) -> bool:
    """Requests stored before fingerprints were kept are taken to be the same item."""
    return seen["client_fingerprint"] in {None, item_fingerprint(item)}


def as_sent(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def differing_field(seen: dict[str, Any], item: MobileItemIn) -> str:
    """The first field in which `item` differs from the request it made before."""
    if seen["submitted_at"] != item.created_at:
        return "created_at"
    defaults = {"privacy": "public"}
    for name in COMPARED:
        if as_sent(item.request.get(name, defaults.get(name))) != seen.get(name):
            return f"request.{name}"
    return "request"


def existing(seen: dict[str, Any], item: MobileItemIn) -> dict[str, Any]:
    """The answer for an item an earlier upload already made into a request."""
    made = {"client_id": item.client_id, "id": seen["id"], "tracking_code": seen["tracking_code"]}
    if same_item(seen, item):
        return {**made, "outcome": "existing"}
    field = differing_field(seen, item)
    message = (
        f"client_id {item.client_id!r} was already used for another item (request"
        f" {seen['tracking_code']}), which differs in {field}: give a new item its own client_id"
    )
    problems = [{"field": field, "message": message}]
    return {**made, "outcome": "conflict", "problems": problems, "reason": "conflict"}
