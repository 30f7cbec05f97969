"""How the published figures read on the pages, in the visitor's language (pure)."""

from __future__ import annotations

from typing import Any

from babel.numbers import format_decimal

from intake.public import charts
from intake.public.charts import Bars, Trend

Words = dict[str, Any]
DASH = "\u2013"
"""An en dash: nothing to show, or between the ends of a band."""


def number(value: float | None, language: str, digits: int = 1) -> str:
    """`87,5` / `87.5`; a dash for nothing."""
    if value is None:
        return DASH
    return format_decimal(round(value, digits), format=f"#,##0.{'0' * digits}", locale=language)


def percent(counted: dict[str, Any], language: str) -> str:
    return DASH if counted["percent"] is None else f"{number(counted['percent'], language)} %"


def not_yet(answers: int, needed: int, w: Words) -> str:
    return str(w["not_enough"]).format(answers=answers, needed=needed)


def trust_text(trust: dict[str, Any], w: Words, language: str) -> str:
    """`78,4 (70,1-85,0)`, or why there is no score yet."""
    if trust["score"] is None:
        return not_yet(trust["answers"], trust["needed"], w)
    low, high = number(trust["low"], language), number(trust["high"], language)
    return f"{number(trust['score'], language)} ({low}{DASH}{high})"


def ikm_text(survey: dict[str, Any], w: Words, language: str) -> str:
    if survey["ikm"] is None:
        return not_yet(survey["respondents"], survey["needed"], w)
    return f"{number(survey['ikm'], language, 2)} ({survey['grade']})"


def trust_bars(groups: list[dict[str, Any]], w: Words, language: str, name: Any) -> Bars:
    """Every group's trust index with its band, the highest first; those without one last."""
    ordered = sorted(
        groups, key=lambda g: (g["trust"]["score"] is None, -(g["trust"]["score"] or 0), name(g))
    )
    return charts.bars(
        [
            (
                name(g),
                g["trust"]["score"],
                g["trust"]["low"],
                g["trust"]["high"],
                trust_text(g["trust"], w, language),
            )
            for g in ordered
        ]
    )


def weekly(group: dict[str, Any]) -> Trend:
    return charts.trend(
        [(w["period"], w["trust"]["score"], w["trust"]["low"], w["trust"]["high"]) for w in group["weeks"]]
    )


def hours(value: float | None, w: Words, language: str) -> str:
    return DASH if value is None else f"{number(value, language)} {w['hours_unit']}"
