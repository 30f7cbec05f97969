"""One group's figures for one period, from what was counted (`measures.Tally`), as published (pure).

Shares are published with their counts (`judged`, `on_time`...), so anyone can check them; the
trust index with the parts it was computed from and the version of its formula.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from intake.figures import skm, trust
from intake.figures.measures import RESPONDENTS, Tally
from intake.figures.trust import Formula, Part

NOTHING = Tally(0, 0.0)


def percent(part: float, whole: int) -> float | None:
    return round(100 * part / whole, 2) if whole else None


def rounded(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(value, digits)


def share(t: Tally) -> dict[str, Any]:
    """A yes/no measure: how many were judged, how many said yes, and the percentage."""
    return {"n": t.n, "yes": round(t.total), "percent": percent(t.total, t.n)}


def survey(t: Mapping[str, Tally], formula: Formula) -> dict[str, Any]:
    """NRR per element (with its answers), and the IKM with its grade once enough answered."""
    elements = {e: t.get(f"element:{e}", NOTHING) for e in skm.ELEMENTS}
    means = {e: skm.nrr(x.total, x.n) for e, x in elements.items()}
    respondents = t.get(f"element:{RESPONDENTS}", NOTHING).n
    index = skm.ikm(means.values()) if respondents >= formula.minimum else None
    return {
        "respondents": respondents,
        "needed": formula.minimum,
        "nrr": {e: {"answers": elements[e].n, "mean": rounded(means[e], 3)} for e in skm.ELEMENTS},
        "ikm": rounded(index),
        "grade": skm.grade(index) if index is not None else None,
    }


def parts(t: Mapping[str, Tally]) -> dict[str, Part]:
    """The trust index's parts (satisfaction is added from the survey)."""

    def of(name: str) -> Part:
        x = t.get(name, NOTHING)
        return Part(x.total / x.n if x.n else None, x.n)

    return {
        "acknowledged_on_time": of("acknowledge_on_time"),
        "resolved_on_time": of("resolve_on_time"),
        "not_contested": of("resolved"),
        "not_escalated": of("held"),
        "not_bounced": of("assignments"),
    }


def trust_of(t: Mapping[str, Tally], formula: Formula) -> dict[str, Any]:
    elements = {e: t.get(f"element:{e}", NOTHING) for e in skm.ELEMENTS}
    index = skm.ikm(skm.nrr(x.total, x.n) for x in elements.values())
    respondents = t.get(f"element:{RESPONDENTS}", NOTHING).n
    satisfaction = Part(skm.satisfaction(index) if index is not None else None, respondents)
    found = {"satisfaction": satisfaction, **parts(t)}
    score = trust.index(found, respondents, formula)
    return {
        "version": score.version,
        "score": score.score,
        "low": score.low,
        "high": score.high,
        "answers": score.answers,
        "needed": score.needed,
        "parts": {
            name: {"share": p.share, "n": p.n, "weight": formula.weights[name]} for name, p in found.items()
        },
    }


def figures(t: Mapping[str, Tally], formula: Formula, open_now: int | None = None) -> dict[str, Any]:
    def median(name: str) -> float | None:
        return rounded(t[name].median) if name in t else None

    rating = t.get("rating", NOTHING)
    return {
        "received": t.get("received", NOTHING).n,
        "open_now": open_now,
        "median_hours": {
            "to_assign": median("assign_hours"),
            "to_acknowledge": median("acknowledge_hours"),
            "to_resolve": median("resolve_hours"),
        },
        "on_time": {
            "acknowledge": share(t.get("acknowledge_on_time", NOTHING)),
            "resolve": share(t.get("resolve_on_time", NOTHING)),
        },
        "reopened": contrary(t.get("resolved", NOTHING)),
        "escalated": contrary(t.get("held", NOTHING)),
        "bounced": contrary(t.get("assignments", NOTHING)),
        "rating": {"n": rating.n, "mean": rounded(rating.total / rating.n if rating.n else None)},
        "survey": survey(t, formula),
        "trust": trust_of(t, formula),
    }


def contrary(t: Tally) -> dict[str, Any]:
    """A measure counted as "it did not happen" (not reopened...), published as how often it did."""
    happened = t.n - round(t.total)
    return {"n": t.n, "yes": happened, "percent": percent(happened, t.n)}
