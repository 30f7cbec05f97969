"""A request's life with its agency (DESIGN.md, "Request life"): which action is valid when.

`escalated` is announced to the citizen but is not a state of its own: the request stays where
it was in its life, so the agency can still act on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

OPEN = ("assigned", "acknowledged", "in_progress", "info_requested", "reopened")
DONE = ("resolved", "closed")

AgencyAction = Literal["acknowledge", "start", "request_info", "resolve", "reject", "transfer"]
CitizenAction = Literal["rate", "reopen", "provide_info"]
DeadlineKind = Literal["acknowledge", "resolve"]

MOVES: dict[str, tuple[frozenset[str], str]] = {
    "acknowledge": (frozenset({"assigned", "reopened"}), "acknowledged"),
    "start": (frozenset({"assigned", "acknowledged", "reopened"}), "in_progress"),
    "request_info": (frozenset({"acknowledged", "in_progress", "reopened"}), "info_requested"),
    "resolve": (frozenset({"acknowledged", "in_progress", "reopened"}), "resolved"),
    "reject": (frozenset({"assigned", "acknowledged", "reopened"}), "rejected"),
    "transfer": (frozenset({"assigned", "acknowledged", "in_progress", "reopened"}), "transferred"),
    "provide_info": (frozenset({"info_requested"}), "in_progress"),
    "reopen": (frozenset({"resolved", "closed"}), "reopened"),
    "rate": (frozenset({"resolved", "closed"}), "closed"),
}
NEEDS_NOTE = {
    "resolve": "say how it was resolved",
    "reject": "say why it is not yours",
    "request_info": "say what information the citizen should give",
}


@dataclass(frozen=True)
class Verdict:
    status: str | None
    """The status after the action; None when the action is refused."""
    problem: str = ""
    field: str = "action"

    @property
    def allowed(self) -> bool:
        return self.status is not None


def judge(
    action: str,
    current: str,
    *,
    note: str | None = None,
    transfer_to: str | None = None,
    holder: str = "",
    coordinator: str = "",
    agencies: frozenset[str] = frozenset(),
) -> Verdict:
    """Whether `action` may happen to a request that is `current`, and what it becomes."""
    if action not in MOVES:
        return Verdict(None, f"unknown action {action!r}")
    allowed_from, becomes = MOVES[action]
    if current not in allowed_from:
        return Verdict(
            None, f"cannot {action.replace('_', ' ')} a request that is {current.replace('_', ' ')}"
        )
    if action in NEEDS_NOTE and not (note and note.strip()):
        return Verdict(
            None, f"a note is required to {action.replace('_', ' ')}: {NEEDS_NOTE[action]}", "note"
        )
    if action == "reject" and holder == coordinator:
        return Verdict(None, "the coordinator cannot reject a request; transfer it instead")
    if action == "transfer":
        return judge_transfer(transfer_to, holder, agencies, becomes)
    return Verdict(becomes)


def judge_transfer(transfer_to: str | None, holder: str, agencies: frozenset[str], becomes: str) -> Verdict:
    if not transfer_to:
        return Verdict(None, "name the agency to transfer to", "transfer_to")
    if transfer_to == holder:
        return Verdict(None, "a request cannot be transferred to the agency that holds it", "transfer_to")
    if transfer_to not in agencies:
        return Verdict(None, f"no agency {transfer_to!r} in the network", "transfer_to")
    return Verdict(becomes)


def deadline_for(
    status: str, acknowledge_by: datetime, resolve_by: datetime
) -> tuple[DeadlineKind, datetime] | None:
    """The deadline that runs in `status`: none while waiting for the citizen or once done."""
    if status in ("assigned", "reopened"):
        return "acknowledge", acknowledge_by
    if status in ("acknowledged", "in_progress"):
        return "resolve", resolve_by
    return None
