"""A request's status as intake tracks it, and what the citizen may do in each (pure)."""

from __future__ import annotations

from typing import Literal

Action = Literal["rate", "reopen", "provide_info"]

CLOSED = frozenset({"resolved", "closed"})
"""Native statuses an Open311 client sees as `closed`; every other one is `open`."""

ALLOWED: dict[Action, frozenset[str]] = {
    "rate": frozenset({"resolved", "closed"}),
    "reopen": frozenset({"resolved", "closed"}),
    "provide_info": frozenset({"info_requested"}),
}
"""A rating or a contest follows a resolution; information answers an agency's question."""


def open311_status(status: str) -> str:
    return "closed" if status in CLOSED else "open"


def moves_forward(current_seq: int, event_seq: int) -> bool:
    """Status events may arrive twice or out of order; only a newer one changes anything."""
    return event_seq > current_seq


def refusal(action: Action, status: str) -> str | None:
    """Why the citizen cannot do `action` now, or None if they can."""
    if status in ALLOWED[action]:
        return None
    allowed = " or ".join(sorted(ALLOWED[action]))
    return f"cannot {action.replace('_', ' ')} a request that is {status}; only when {allowed}"
