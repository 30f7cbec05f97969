"""A request as its page shows it (pure): the facts, why it is here, what everyone did, and what
this staff member may do now."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from routing import places, statuses
from routing.agencies import Network
from routing.console import offers
from routing.console.timing import TimeLeft, time_left


@dataclass(frozen=True)
class Step:
    """One line of the timeline: who did what, and what they said."""

    at: datetime
    kind: str
    status: str | None
    by: str
    """`citizen`, `routing`, or an agency's name."""
    staff: str | None
    """The staff member's name, for what someone did in the console."""
    text: str | None


def watching(view: dict[str, Any]) -> dict[str, Any]:
    """What a supervisor reads of a request held below it: no photos, never who the citizen is."""
    return {**view, "role": "watching", "photos": [], "shared_identity": None}


def timeline(history: list[dict[str, Any]], network: Network, names: dict[str, str]) -> list[Step]:
    """Newest first; refusals are the actor's own business and stay out."""
    shown = [
        Step(
            at=h["at"],
            kind=h["kind"],
            status=h["status"],
            by=network.agencies[h["by"]].name if h["by"] in network.agencies else h["by"],
            staff=names.get(h["staff"], h["staff"]) if h["staff"] else None,
            text=h["text"],
        )
        for h in history
        if h["kind"] != "refused"
    ]
    return shown[::-1]


def reasons(explained: dict[str, Any] | None, language: str) -> list[str]:
    """Why the request was routed here, in the reader's language (English if none)."""
    if explained is None:
        return []
    worded: list[str] = (explained.get("explanation") or {}).get(language) or explained.get("reasons") or []
    return worded


def offered(view: dict[str, Any], network: Network, now: datetime) -> tuple[str, ...]:
    if view["role"] == "watching":
        return ()
    at = statuses.Situation(
        view["status"],
        role=view["role"],
        holder=view["agency_code"],
        coordinator=network.coordinator,
        agencies=frozenset(network.agencies),
        answer_by=view["answer_by"],
        now=now,
    )
    return offers.offered(at)


def transfer_targets(view: dict[str, Any], network: Network) -> list[tuple[str, str]]:
    return sorted(
        ((a.code, a.name) for a in network.agencies.values() if a.code != view["agency_code"]),
        key=lambda pair: pair[1],
    )


def left(view: dict[str, Any], network: Network, now: datetime) -> TimeLeft | None:
    holder = network.agencies[view["agency_code"]]
    return time_left(
        view["status"],
        acknowledge_by=view["acknowledge_by"],
        resolve_by=view["resolve_by"],
        answer_by=view["answer_by"],
        now=now,
        calendar=holder.calendar_for(view["priority"] == "urgent"),
    )


def mergeable(view: dict[str, Any]) -> bool:
    """Whether this agency may merge the request into a likely duplicate's case."""
    return view["role"] in ("lead", "overseer") and view["status"] in statuses.MOVES["merge"].allowed_from


def place(view: dict[str, Any], network: Network) -> str:
    """The area the request lies in, as a person says it ("kelurahan Menteng"), or nothing."""
    where = places.placed(network, view["lat"], view["long"], view.get("area_code"), view["address"])
    return places.label(where.chain[0]) if where.chain else ""
