"""What happens when a deadline passes: remind the agency, then its supervisor, then the coordinator."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from routing import calendars
from routing.agencies import Agency, Network

Step = Literal["reminder", "supervisor", "coordinator"]
Deadline = Literal["acknowledge", "resolve"]
LADDER: tuple[Step, ...] = ("reminder", "supervisor", "coordinator")


@dataclass(frozen=True)
class Escalation:
    step: Step
    kind: Deadline
    """Which deadline passed."""
    target: Agency
    """Who is told: the agency itself, its supervisor, or the coordinator."""
    note: str
    """For the agencies and operators, in English; the citizen is told in their own language."""
    next_due: datetime | None
    """When the next step is due if nothing happens; None after the last step."""


def escalation(
    step_index: int,
    kind: str,
    due: datetime,
    holder: Agency,
    network: Network,
    every_hours: float,
) -> Escalation:
    """Step `step_index` of the ladder for a `kind` deadline that was due at `due`."""
    step = LADDER[step_index]
    target = target_of(step, holder, network)
    missed: Deadline = "acknowledge" if kind == "acknowledge" else "resolve"
    what = "acknowledged" if missed == "acknowledge" else "resolved"
    late = f"{holder.name} has not {what} the request by its deadline"
    note = {
        "reminder": f"{late}; it has been reminded",
        "supervisor": f"{late}; escalated to its supervisor, {target.name}",
        "coordinator": f"{late}; escalated to the coordinator, {target.name}",
    }[step]
    last = step_index + 1 == len(LADDER)
    next_due = None if last else calendars.add_working_hours(due, every_hours, holder.calendar)
    return Escalation(step, missed, target, note, next_due)


def target_of(step: Step, holder: Agency, network: Network) -> Agency:
    coordinator = network.agencies[network.coordinator]
    if step == "reminder":
        return holder
    if step == "supervisor" and holder.supervisor in network.agencies:
        return network.agencies[holder.supervisor]
    return coordinator
