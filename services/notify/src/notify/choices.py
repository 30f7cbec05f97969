"""What a reporter may choose about being told, and why a choice is refused. Pure.

The preferences page and the JSON API take the same choices: channels in order (the first
is tried first, the others when it fails), a language, a time zone.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from notify import failures, preferences
from notify.contacts import Contact
from notify.preferences import Preferences

ZONES = {"Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}
"""The zones the page offers (Indonesia's three); the API takes any zone that exists."""


@dataclass(frozen=True)
class Refusal:
    field: str
    channel: str
    """The channel chosen that has no address."""

    def message(self) -> str:
        return f"{failures.explained('no_address', self.channel)}: choose another channel"


def refusals(channels: Sequence[str], contact: Contact, *, field: str = "channels") -> list[Refusal]:
    """Channels chosen that we have no address for: a choice we could never honour."""
    return [Refusal(field, c) for c in channels if not contact.address(c)]


def applied(contact: Contact, channels: Sequence[str], language: str, timezone: str) -> Preferences:
    """The new preferences; a channel chosen again is no longer opted out of."""
    kept = contact.prefs.opted_out - set(channels)
    return preferences.normalised(Preferences(tuple(channels), language, kept, timezone))


def from_form(form: Mapping[str, Sequence[str]]) -> tuple[list[str], str, str]:
    """(channels in order, language, zone) from the page's fields: `first`, `also`, `language`,
    `timezone`. Unknown values are dropped; the caller checks what is left."""
    first = [c for c in form.get("first", [])[:1] if c in preferences.CHANNELS]
    also = [c for c in preferences.CHANNELS if c in form.get("also", []) and c not in first]
    language = (form.get("language") or [""])[0]
    timezone = (form.get("timezone") or [""])[0]
    return first + also, language, timezone
