"""The fault table: per fault, what was sent, acknowledged, lost, duplicated, and how long it took
to recover (pure)."""

from __future__ import annotations

from dataclasses import dataclass

from tests.faults.scenario import Run

HEADER = ("fault", "sent", "acknowledged", "lost", "duplicated", "recovery s")


@dataclass(frozen=True)
class Row:
    fault: str
    sent: int
    acknowledged: int
    lost: int
    duplicated: int
    recovery: float | None

    def cells(self) -> tuple[str, ...]:
        recovery = "—" if self.recovery is None else f"{self.recovery:.1f}"
        return (
            self.fault,
            str(self.sent),
            str(self.acknowledged),
            str(self.lost),
            str(self.duplicated),
            recovery,
        )


def rows(run: Run) -> list[Row]:
    found = []
    for phase in run.phases:
        sent = [s for s in run.sent if s.phase == phase.fault]
        verdicts = [run.verdicts[s.n] for s in sent if s.n in run.verdicts]
        found.append(
            Row(
                phase.fault,
                len(sent),
                len(verdicts),
                sum(not v.delivered for v in verdicts),
                sum(v.duplicated for v in verdicts),
                phase.recovery,
            )
        )
    return found


def markdown(found: list[Row]) -> str:
    lines = [HEADER, ("---",) * len(HEADER), *(r.cells() for r in found)]
    return "\n".join("| " + " | ".join(cells) + " |" for cells in lines)
