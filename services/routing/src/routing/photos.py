"""Photos of a request as agencies see them: links through routing (which checks who asks) to a
short-lived signed address at intake, where the photos are kept."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from dekat import signing


@dataclass(frozen=True)
class Links:
    intake_url: str
    """Where intake serves `/photos/{id}` (its public address)."""
    agency_api_url: str
    """Where routing serves the agency API: photo links on work items point here."""
    secret: str
    valid_for: timedelta = timedelta(minutes=10)

    def for_agency(self, request_id: str, photo_id: str) -> str:
        return f"{self.agency_api_url.rstrip('/')}/v1/agency/requests/{request_id}/photos/{photo_id}"


def linked(request: dict[str, Any], links: Links) -> dict[str, Any]:
    """The request with each photo's `url` pointing at routing's agency link."""
    shown = [
        {**p, "url": links.for_agency(request["request_id"], p["photo_id"])}
        for p in request.get("photos", [])
    ]
    return {**request, "photos": shown}


def signed_url(request: dict[str, Any], photo_id: str, links: Links, now: datetime) -> str | None:
    """Intake's address of the photo, signed for a few minutes; None if the request has no such photo."""
    if photo_id not in {p["photo_id"] for p in request.get("photos", [])}:
        return None
    path = f"/photos/{photo_id}"
    query = signing.signed_query(links.secret, path, now=now, valid_for=links.valid_for)
    return f"{links.intake_url.rstrip('/')}{path}?{query}"
