"""A change in the words of one reporter: the values its templates get, and texts that fit
their channel (an SMS within two GSM-7 segments). Pure: the time comes in as an argument."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from notify import gsm, messages
from notify.changes import Change
from notify.contacts import Contact
from notify.links import Links
from notify.messages import Message

SMS_SEGMENTS = 2
WHATSAPP_NOTE = 700
"""WhatsApp has no segments; a longer note is still cut, the link leads to the whole of it."""
ELLIPSIS = "..."
UNNAMED_AGENCY = {"id": "instansi yang menangani", "en": "the agency handling it"}
"""Should a change ever come without the agency's name (it never should): a phrase, not "None"."""
ENOUGH = 60
"""Of an agency's words cut to fit an SMS, keep at least this much (fewer helpers named instead)."""


@dataclass(frozen=True)
class Telling:
    """What one message tells: a change, where the request stands, and what it sums up."""

    change: Change
    standing: Change
    """The newest change known: where the request stands now."""
    previous: Change | None = None
    """For a re-routing: the rejection or transfer that caused it."""
    earlier: Sequence[Change] = ()
    """Changes whose messages (held for quiet hours) this one replaces, oldest first."""

    @property
    def kind(self) -> str:
        return self.change.kind


def facts(c: Change) -> dict[str, Any]:
    return {
        "kind": c.kind,
        "at": c.at,
        "status": c.status,
        "agency_name": c.agency_name,
        "note": c.note,
        "reason": c.reason,
        "by_agency": c.by_agency,
    }


def context(contact: Contact, t: Telling, links: Links, now: datetime) -> dict[str, Any]:
    """Every value every template may name (None when absent): StrictUndefined sees to the rest."""
    c, language = t.change, messages.written_in(contact.prefs.language)
    return {
        **facts(c),
        "agency_name": c.agency_name or UNNAMED_AGENCY[language],
        "name": contact.name,
        "tracking_code": contact.tracking_code,
        "deadline": c.deadline,
        "supporting": list(c.supporting),
        "explanation": c.explanation.get(language, []),
        "escalation": c.escalation,
        "escalated_to": c.escalated_to,
        "missed": c.missed,
        "previous": facts(t.previous) if t.previous else None,
        "earlier": [facts(e) for e in t.earlier],
        "now_status": t.standing.status,
        "now_agency": t.standing.agency_name,
        "zone": contact.prefs.timezone,
        **links.context(contact, language, now),
    }


def template_kind(contact: Contact, t: Telling) -> str:
    """A follower's first message says they follow it, and where it stands."""
    return "following" if t.kind == "received" and contact.follower() else t.kind


def written(contact: Contact, t: Telling, channel: str, links: Links, now: datetime) -> Message:
    """The message on `channel`: the email in full, an SMS or WhatsApp message short."""
    kind, language = template_kind(contact, t), contact.prefs.language
    values = context(contact, t, links, now)
    if channel == "email":
        return messages.render(kind, language, values)

    def short(v: dict[str, Any]) -> str:
        return messages.render(kind, language, v, form="short").body

    if channel == "sms":
        return Message("", fitted(lambda v: gsm.plain(short(v)), values, values["short_url"]))
    return Message("", short({**values, "note": cut(values["note"], WHATSAPP_NOTE)}))


def fits(text: str) -> bool:
    return gsm.segments(text) <= SMS_SEGMENTS


def fitted(render: Callable[[dict[str, Any]], str], values: dict[str, Any], link: str) -> str:
    """The text within two segments: the agency's words shortened (keeping enough of them, by
    naming fewer helpers if need be), the link to the whole story always kept whole."""
    helpers: list[str] = values["supporting"]
    options: tuple[list[str], ...] = (helpers, helpers[:1], [])
    trying = values
    for named in options:
        trying = {**values, "supporting": named}
        if fits(text := render(trying)):
            return text
        trying = shortest_note_that_fits(render, trying)
        if fits(text := render(trying)) and (kept_enough(values, trying) or not named):
            return text
    return hard_cut(render(trying), link)


def notes(values: dict[str, Any]) -> list[str | None]:
    return [values["note"], (values["previous"] or {}).get("note")]


def kept_enough(before: dict[str, Any], after: dict[str, Any]) -> bool:
    """At least the first `ENOUGH` characters of each note survived the cut."""
    return all(
        len(cut_note or "") >= min(len(note or ""), ENOUGH)
        for note, cut_note in zip(notes(before), notes(after), strict=True)
    )


def shortest_note_that_fits(
    render: Callable[[dict[str, Any]], str], values: dict[str, Any]
) -> dict[str, Any]:
    """The longest cut of the note (and of the previous agency's note) that fits; none if none does."""

    def with_note(length: int) -> dict[str, Any]:
        previous = values["previous"] and {
            **values["previous"],
            "note": cut(values["previous"]["note"], length),
        }
        return {**values, "note": cut(values["note"], length), "previous": previous}

    low, high = 0, max(len(note or "") for note in notes(values))
    while low < high:
        middle = (low + high + 1) // 2
        low, high = (middle, high) if fits(render(with_note(middle))) else (low, middle - 1)
    return with_note(low)


def cut(text: str | None, length: int) -> str | None:
    if text is None or len(text) <= length:
        return text
    if length <= len(ELLIPSIS):
        return None
    return text[: length - len(ELLIPSIS)].rstrip() + ELLIPSIS


def hard_cut(text: str, link: str) -> str:
    """Last resort for names too long to fit: the words cut, the link whole."""
    words = text.removesuffix(link).rstrip()
    budget = gsm.PART * SMS_SEGMENTS - len(link) - len(ELLIPSIS) - 1
    while budget > 0 and not fits(kept := words[:budget] + ELLIPSIS + " " + link):
        budget -= 1
    return kept if budget > 0 else link
