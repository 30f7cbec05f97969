"""What happens when a deadline passes (pure).

An agency's deadline climbs a ladder of distinct offices: the holder is reminded, then its
supervisors are told, then the coordinator. The last step hands the office told a part in the
request (it oversees it, with the lead's powers) and ends the ladder; a holder already at the
top is flagged to operators instead of being escalated to itself.

The citizen's deadline to answer a question has two steps: a reminder to the citizen halfway,
then the agency is told it may go on without the answer or close the request as unanswered.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from dekat.vocabulary import Deadline, EscalationStep

from routing import calendars
from routing.agencies import Agency, Network


@dataclass(frozen=True)
class Escalation:
    step: EscalationStep
    kind: Deadline
    """Which deadline passed."""
    target: Agency
    """Who is told: the agency itself, a supervisor, or the coordinator."""
    note: str
    """For the agencies and operators, in English; the citizen is told in their own language."""
    next_due: datetime | None
    """When the next step is due if nothing happens; None after the last step."""
    last: bool = False

    @property
    def oversees(self) -> bool:
        """The last step gives the office told a part in the request, unless it is the holder."""
        return self.last and self.step != "reminder"

    @property
    def stuck(self) -> bool:
        """The ladder ended at the holder itself: nobody above it is left to tell."""
        return self.last and self.step == "reminder"


def ladder(holder: Agency, network: Network) -> tuple[Agency, ...]:
    """The distinct offices a missed deadline climbs: the holder, its supervisors, the coordinator."""
    chain = [holder]
    while (above := chain[-1].supervisor) in network.agencies and above not in [a.code for a in chain]:
        chain.append(network.agencies[str(above)])
    coordinator = network.agencies[network.coordinator]
    if coordinator not in chain:
        chain.append(coordinator)
    return tuple(chain)


def escalation(
    step_index: int,
    kind: str,
    due: datetime,
    holder: Agency,
    network: Network,
    every_hours: float,
    *,
    urgent: bool = False,
) -> Escalation:
    """Step `step_index` of the holder's ladder for a `kind` deadline that was due at `due`
    (the steps of an urgent request follow each other in on-call time)."""
    offices = ladder(holder, network)
    target = offices[min(step_index, len(offices) - 1)]
    step: EscalationStep = (
        "reminder"
        if target == holder
        else "coordinator"
        if target.code == network.coordinator
        else "supervisor"
    )
    missed: Deadline = "acknowledge" if kind == "acknowledge" else "resolve"
    last = step_index + 1 >= len(offices)
    next_due = None if last else calendars.add_working_hours(due, every_hours, holder.calendar_for(urgent))
    return Escalation(step, missed, target, note_of(step, missed, holder, target, last), next_due, last)


def note_of(step: EscalationStep, missed: Deadline, holder: Agency, target: Agency, last: bool) -> str:
    what = "acknowledged" if missed == "acknowledge" else "resolved"
    late = f"{holder.name} has not {what} the request by its deadline"
    if step == "reminder":
        return f"{late}; it has been reminded" + ("; nobody above it is left to tell" if last else "")
    told = "its supervisor" if step == "supervisor" else "the coordinator"
    now_oversees = f"; {target.name} now oversees it" if last else ""
    return f"{late}; escalated to {told}, {target.name}{now_oversees}"


@dataclass(frozen=True)
class AnswerStep:
    """A step of the citizen's deadline to answer: remind the citizen, or tell the agency."""

    remind_citizen: bool
    next_due: datetime | None


def answer_step(step_index: int, *, answer_by: datetime, reachable: bool) -> AnswerStep:
    """Step 0 (halfway) reminds a citizen who can be reached; the last one tells the agency."""
    if step_index == 0 and reachable:
        return AnswerStep(remind_citizen=True, next_due=answer_by)
    return AnswerStep(remind_citizen=False, next_due=None)


def answer_deadline(asked_at: datetime, days: float) -> tuple[datetime, datetime]:
    """(when to remind the citizen, when the answer is due): calendar time, not office hours."""
    answer_by = asked_at + timedelta(days=days)
    return asked_at + (answer_by - asked_at) / 2, answer_by
