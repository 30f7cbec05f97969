"""A reporter of a request and how to reach them; a request may have several (its followers)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from notify import preferences
from notify.preferences import Preferences

SUBMITTER = ""
"""The reporter id of the citizen who submitted the request (`reporter_id` None on the wire)."""


@dataclass(frozen=True)
class Contact:
    request_id: str
    tracking_code: str
    name: str | None
    email: str | None
    phone: str | None
    prefs: Preferences = field(default_factory=Preferences)
    submitted_at: datetime | None = None
    """When this reporter submitted the request, or started following it."""
    reporter: str = SUBMITTER
    link_token: str | None = None
    """This reporter's secret for the tracking page's actions (rate, answer, contest)."""

    def address(self, channel: str) -> str | None:
        return self.email if channel == "email" else self.phone

    def channels(self) -> list[str]:
        """Where this reporter can be reached now, in their order."""
        return preferences.usable_channels(self.prefs, self.addresses())

    def addresses(self) -> dict[str, str | None]:
        return {c: self.address(c) for c in preferences.CHANNELS}

    def reachable_at_all(self) -> bool:
        """Has any address: a reporter without one (anonymous) reads only the tracking page."""
        return bool(self.email or self.phone)

    def follower(self) -> bool:
        return self.reporter != SUBMITTER
