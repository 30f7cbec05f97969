"""The trust index: one published score per agency, institution type and kecamatan (pure).

    trust = 100 x Σ wᵢ·sᵢ / Σ wᵢ   over the parts i that have something to measure

Each part sᵢ is a share between 0 and 1:

| part | share | weight (v1) |
|---|---|---|
| `satisfaction` | (IKM - 25) / 75, the survey's index on its own 25-100 scale | 0.40 |
| `acknowledged_on_time` | acknowledged by the deadline, of those whose deadline came | 0.15 |
| `resolved_on_time` | resolved by the deadline, of those whose deadline came | 0.20 |
| `not_contested` | resolutions the citizen did not contest (reopen) | 0.10 |
| `not_escalated` | requests held that never climbed the escalation ladder | 0.10 |
| `not_bounced` | assignments the agency did not send back as "not ours" | 0.05 |

No score below `minimum` survey respondents (else: not enough data yet, N so far). The band:
each part's 95 % Wilson interval (`wilson.interval`, on the part's own count; satisfaction on
its respondents, since a 0-1 score's variance is at most s(1-s)), the index computed from every
part's lower bound and from every upper bound. That is wider than a joint interval: it never
claims more certainty than the weakest part has.

A change of weights, parts or minimum is a new `Formula` version added to `FORMULAS`; a
published snapshot names its version and carries its parts, so its score can be recomputed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from intake.figures import wilson

PARTS = (
    "satisfaction",
    "acknowledged_on_time",
    "resolved_on_time",
    "not_contested",
    "not_escalated",
    "not_bounced",
)


@dataclass(frozen=True)
class Formula:
    version: int
    weights: Mapping[str, float]
    minimum: int
    """Survey respondents needed before any score (the survey's index included) is published."""
    z: float = wilson.Z95


FORMULAS = {
    1: Formula(
        version=1,
        weights={
            "satisfaction": 0.40,
            "acknowledged_on_time": 0.15,
            "resolved_on_time": 0.20,
            "not_contested": 0.10,
            "not_escalated": 0.10,
            "not_bounced": 0.05,
        },
        minimum=30,
    )
}
CURRENT = FORMULAS[max(FORMULAS)]


@dataclass(frozen=True)
class Part:
    share: float | None
    n: int
    """How many cases the share was measured on (respondents, deadlines, resolutions...)."""


@dataclass(frozen=True)
class Score:
    version: int
    answers: int
    needed: int
    score: float | None = None
    low: float | None = None
    high: float | None = None


def weighted(shares: Mapping[str, float], weights: Mapping[str, float]) -> float:
    total = sum(weights[name] for name in shares)
    return 100 * sum(weights[name] * share for name, share in shares.items()) / total


def measured(parts: Mapping[str, Part], formula: Formula) -> dict[str, Part]:
    """The parts with something to measure; the others leave the index, and their weight with them."""
    return {
        name: part
        for name, part in parts.items()
        if name in formula.weights and part.n > 0 and part.share is not None
    }


def index(parts: Mapping[str, Part], answers: int, formula: Formula = CURRENT) -> Score:
    """The score and its band; none below the minimum of respondents or without satisfaction."""
    used = measured(parts, formula)
    if answers < formula.minimum or "satisfaction" not in used:
        return Score(formula.version, answers, formula.minimum)
    shares = {name: p.share for name, p in used.items() if p.share is not None}
    bands = {name: wilson.interval(shares[name], p.n, formula.z) for name, p in used.items()}
    return Score(
        formula.version,
        answers,
        formula.minimum,
        score=round(weighted(shares, formula.weights), 2),
        low=round(weighted({n: b[0] for n, b in bands.items()}, formula.weights), 2),
        high=round(weighted({n: b[1] for n, b in bands.items()}, formula.weights), 2),
    )
