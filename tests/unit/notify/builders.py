"""Contacts, changes and tellings with realistic defaults: say only what a test is about."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from notify.changes import Change
from notify.contacts import Contact
from notify.links import Links
from notify.preferences import Preferences
from notify.wording import Telling

NOON_JAKARTA = datetime(2025, 3, 10, 5, 0, tzinfo=UTC)
REQUEST_ID = "0b6c8f4e-2a51-4c1e-9d43-5f7e2b8a6c10"
TOKEN = "Yq3x9JkT2mPzR7vWcLs0bNf4hUaE1dGi6oQy8tZrXwM"
"""A reporter's link secret as long as `secrets.token_urlsafe(32)` makes them (43 characters)."""
LINKS = Links("https://dekat.jakarta.go.id", "https://notify.dekat.jakarta.go.id", "secret")
LONGEST_AGENCY = "Suku Dinas Sumber Daya Air Jakarta Pusat"
HELPERS = ("Palang Merah Indonesia Jakarta Pusat", "Suku Dinas Kesehatan Jakarta Pusat")
LONG_NOTE = (
    "Petugas sudah memeriksa lokasi; saluran tersumbat sampah plastik sepanjang 30 meter dan perlu "
    "alat berat. Pembersihan dijadwalkan Kamis pagi, mohon kendaraan tidak parkir di bahu jalan."
)


def contact(
    *,
    channels: tuple[str, ...] = ("email",),
    language: str = "id",
    timezone: str = "Asia/Jakarta",
    email: str | None = "siti.rahayu@example.id",
    phone: str | None = "+62 812 1234 5678",
    opted_out: frozenset[str] = frozenset(),
    **overrides: Any,
) -> Contact:
    prefs = Preferences(channels, language, opted_out, timezone)
    fields: dict[str, Any] = {
        "request_id": REQUEST_ID,
        "tracking_code": "DK-7K3M-9QXA",
        "name": "Siti Rahayu",
        "email": email,
        "phone": phone,
        "prefs": prefs,
        "link_token": TOKEN,
        **overrides,
    }
    return Contact(**fields)


STATUS_AFTER = {
    "update": "in_progress",
    "escalated": "in_progress",
    "reminder": "info_requested",
    "rerouted": "assigned",
}


def change(kind: str = "assigned", seq: int = 1, **overrides: Any) -> Change:
    fields: dict[str, Any] = {
        "request_id": REQUEST_ID,
        "status_seq": seq,
        "kind": kind,
        "at": NOON_JAKARTA,
        "status": STATUS_AFTER.get(kind, kind),
        "agency_name": "Dinas Bina Marga",
        **overrides,
    }
    return Change(**fields)


def longest(kind: str, seq: int = 5, **overrides: Any) -> Change:
    """The change with every fact as long as real ones get."""
    fields: dict[str, Any] = {
        "agency_name": LONGEST_AGENCY,
        "deadline": NOON_JAKARTA + timedelta(days=3),
        "note": LONG_NOTE,
        "reason": {"closed": "unanswered", "in_progress": "continued", "reopened": "contested"}.get(kind),
        "by_agency": HELPERS[0] if kind == "update" else None,
        "supporting": HELPERS,
        "explanation": {"id": ["Lokasi di Kelurahan Menteng"], "en": ["In Kelurahan Menteng"]},
        "escalation": "supervisor" if kind == "escalated" else None,
        "escalated_to": "Dinas Sumber Daya Air Provinsi DKI Jakarta" if kind == "escalated" else None,
        "missed": "acknowledge" if kind == "escalated" else None,
        **overrides,
    }
    return change(kind, seq, **fields)


def telling(c: Change, **overrides: Any) -> Telling:
    return Telling(**{"change": c, "standing": c, **overrides})
