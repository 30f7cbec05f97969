"""Which actions the console offers on a request now (pure): exactly those the state machine
(`statuses.judge`) would accept from this agency, so a button never leads to a refusal."""

from __future__ import annotations

from routing import statuses

ACTIONS = (
    "acknowledge",
    "start",
    "request_info",
    "withdraw_question",
    "continue",
    "close_unanswered",
    "resolve",
    "update",
    "transfer",
    "reject",
    "merge",
)
"""The console's actions in the order a request's life meets them; `merge` is offered beside each
likely duplicate (`casefile.mergeable`), not with the others."""
WITH_NOTE = frozenset(statuses.NEEDS_NOTE) | {"transfer"}
"""The actions whose form has a note (required for those in `statuses.NEEDS_NOTE`)."""
RELEASING = frozenset({"reject", "transfer"})
"""After these the request is no longer the agency's: the console goes back to the queue."""


def offered(at: statuses.Situation) -> tuple[str, ...]:
    others = sorted(at.agencies - {at.holder})
    return tuple(
        action
        for action in ACTIONS
        if action != "merge"
        and statuses.judge(action, at, note="-", transfer_to=others[0] if others else None).allowed
        and action not in redundant(at)
    )


def redundant(at: statuses.Situation) -> frozenset[str]:
    """While the citizen still has time, going on is withdrawing the question; once their time is
    over, it is continuing without the answer: one button for one choice."""
    if at.current != "info_requested":
        return frozenset()
    return frozenset({"withdraw_question"}) if statuses.waited_out(at) else frozenset({"continue"})
