"""The satisfaction survey's index, as PermenPANRB 14/2017 computes it (pure).

Each element's mean (NRR, nilai rata-rata) is taken over the answers it got; the index (IKM) is
25 times the mean of the element means, every element weighing the same (1/9). An element
nobody answered (each respondent left it blank or not applicable) is left out of that mean, so
a service without a cost is not marked down for it. The regulation's grades read the index
rounded to two decimals.
"""

from __future__ import annotations

from collections.abc import Iterable

from dekat.vocabulary import SURVEY_ELEMENTS

ELEMENTS = SURVEY_ELEMENTS
SCALE = 25
"""From the 1-4 answers to the 25-100 index."""
GRADES = (("A", 88.31), ("B", 76.61), ("C", 65.00), ("D", 25.00))
"""A sangat baik (very good) 88.31-100, B baik (good) 76.61-88.30, C kurang baik (poor) 65.00-76.60,
D tidak baik (not good) 25.00-64.99."""


def nrr(total: float, answers: int) -> float | None:
    """An element's mean answer; None when nobody answered it."""
    return total / answers if answers else None


def ikm(means: Iterable[float | None]) -> float | None:
    """25 x the mean of the elements' means, leaving out the elements nobody answered."""
    answered = [m for m in means if m is not None]
    return SCALE * sum(answered) / len(answered) if answered else None


def grade(index: float) -> str:
    rounded = round(index, 2)
    return next((letter for letter, floor in GRADES if rounded >= floor), "D")


def satisfaction(index: float) -> float:
    """The index as a share of the scale it can move on: 25 is 0, 100 is 1."""
    return (index - SCALE) / (100 - SCALE)
