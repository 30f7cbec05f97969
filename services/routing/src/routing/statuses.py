"""A request's life with its agencies (docs/design.md, "Request life"): which action is valid
when, by whom, and what the request becomes (pure).

An escalation, an agency's update or a citizen's reminder is a change that leaves the status
where it is, so the agency can always act on the request and there is one truth about it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from dekat.vocabulary import OPEN, Deadline, Role, Status


@dataclass(frozen=True)
class Move:
    allowed_from: frozenset[Status]
    becomes: Status
    reason: str | None = None
    """The code the status event carries, for the reader to word in its own language."""


def move(allowed: tuple[Status, ...] | set[Status], becomes: Status, reason: str | None = None) -> Move:
    return Move(frozenset(allowed), becomes, reason)


WORKING: tuple[Status, ...] = ("acknowledged", "in_progress", "reopened")
MOVES: dict[str, Move] = {
    # every AgencyAction and CitizenAction
    "acknowledge": move({"assigned", "reopened"}, "acknowledged"),
    "start": move({"assigned", "acknowledged", "reopened"}, "in_progress"),
    "request_info": move(WORKING, "info_requested"),
    "withdraw_question": move({"info_requested"}, "in_progress", "withdrawn"),
    "continue": move({"info_requested"}, "in_progress", "continued"),
    "close_unanswered": move({"info_requested"}, "closed", "unanswered"),
    "resolve": move({*WORKING, "info_requested"}, "resolved"),
    "reject": move({"assigned", "acknowledged", "reopened"}, "rejected", "not_ours"),
    "transfer": move({*WORKING, "assigned", "info_requested"}, "transferred", "transferred"),
    "update": move(OPEN, "in_progress"),  # never moves: see `judge`
    "merge": move({"assigned", "acknowledged", "in_progress", "reopened"}, "closed", "merged"),
    "provide_info": move({"info_requested"}, "in_progress", "answered"),
    "reopen": move({"resolved", "closed"}, "reopened", "contested"),
    "rate": move({"resolved", "closed"}, "closed", "rated"),
    "follow": move(OPEN, "in_progress", "followed"),  # never moves: see `judge`
}
NEEDS_NOTE: dict[str, str] = {
    "resolve": "say how it was resolved",
    "reject": "say why it is not yours",
    "request_info": "say what information the citizen should give",
    "update": "say what happened",
}
SUPPORT_ACTIONS = frozenset({"update"})
STAYS = frozenset({"update", "follow"})
"""Changes that leave the status where it is."""
"""A supporting agency adds updates; the lead (or, after the last escalation step, the agency
overseeing it) moves the request."""


@dataclass(frozen=True)
class Verdict:
    status: Status | None
    """The status after the action; None when the action is refused."""
    problem: str = ""
    field: str = "action"
    reason: str | None = None

    @property
    def allowed(self) -> bool:
        return self.status is not None


@dataclass(frozen=True)
class Case:
    """The request a duplicate would be merged into, as the acting agency sees it."""

    request_id: str
    status: Status | None
    """None: no such request."""
    role: Role | None = None
    merged: bool = False
    is_self: bool = False


@dataclass(frozen=True)
class Situation:
    """What `judge` needs to know about the request and who is acting on it."""

    current: Status
    role: Role = "lead"
    holder: str = ""
    coordinator: str = ""
    agencies: frozenset[str] = frozenset()
    answer_by: datetime | None = None
    now: datetime | None = None
    agency: str = ""
    case: Case | None = None
    """For `merge`: the case named."""


def judge(
    action: str,
    at: Situation,
    *,
    note: str | None = None,
    transfer_to: str | None = None,
) -> Verdict:
    """Whether `action` may happen now, and what the request becomes."""
    m = MOVES.get(action)
    if m is None:
        return Verdict(None, f"unknown action {action!r}")
    if at.role == "supporting" and action not in SUPPORT_ACTIONS:
        return Verdict(None, f"a supporting agency cannot {words(action)}; add an update instead")
    if at.current not in m.allowed_from:
        return Verdict(None, f"cannot {words(action)} a request that is {words(at.current)}")
    if action in NEEDS_NOTE and not (note and note.strip()):
        return Verdict(None, f"a note is required to {words(action)}: {NEEDS_NOTE[action]}", "note")
    if why_not := special(action, at, transfer_to):
        return why_not
    becomes = at.current if action in STAYS else m.becomes
    return Verdict(becomes, reason=m.reason)


def special(action: str, at: Situation, transfer_to: str | None) -> Verdict | None:
    """The rules of a few actions beyond their statuses; None when they are met."""
    if action == "reject" and at.holder == at.coordinator:
        return Verdict(None, "the coordinator cannot reject a request; transfer it instead")
    if action == "transfer":
        return judge_transfer(transfer_to, at.holder, at.agencies)
    if action == "close_unanswered" and not waited_out(at):
        return Verdict(None, "the citizen still has time to answer; withdraw the question to go on")
    if action == "merge":
        return judge_merge(at.case)
    return None


def judge_merge(case: Case | None) -> Verdict | None:
    """A duplicate may join a case the same agency leads (or oversees) that is still open."""
    if case is None:
        return Verdict(None, "name the case to merge into (merge_into)", "merge_into")
    if case.is_self:
        return Verdict(None, "a request cannot be merged into itself", "merge_into")
    if case.status is None or case.role not in ("lead", "overseer"):
        return Verdict(None, "no such case is yours to merge into", "merge_into")
    if case.status not in OPEN or case.merged:
        return Verdict(
            None, f"the case is {words(case.status)}; only an open case takes others", "merge_into"
        )
    return None


def waited_out(at: Situation) -> bool:
    return at.answer_by is not None and at.now is not None and at.now >= at.answer_by


def judge_transfer(transfer_to: str | None, holder: str, agencies: frozenset[str]) -> Verdict | None:
    if not transfer_to:
        return Verdict(None, "name the agency to transfer to", "transfer_to")
    if transfer_to == holder:
        return Verdict(None, "a request cannot be transferred to the agency that holds it", "transfer_to")
    if transfer_to not in agencies:
        return Verdict(None, f"no agency {transfer_to!r} in the network", "transfer_to")
    return None


def words(code: str) -> str:
    return code.replace("_", " ")


def deadline_for(
    status: Status, acknowledge_by: datetime, resolve_by: datetime, answer_by: datetime | None = None
) -> tuple[Deadline, datetime] | None:
    """The deadline that runs in `status`: the agency's, the citizen's answer, or none once done."""
    if status in ("assigned", "reopened"):
        return "acknowledge", acknowledge_by
    if status in ("acknowledged", "in_progress"):
        return "resolve", resolve_by
    if status == "info_requested" and answer_by is not None:
        return "answer", answer_by
    return None
