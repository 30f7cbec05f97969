"""Every reason is worded in every language Dekat speaks, and lists read as sentences."""

from __future__ import annotations

from typing import get_args

import pytest
from dekat.vocabulary import LANGUAGES
from routing import reasons
from routing.reasons import reason


@pytest.mark.parametrize("kind", get_args(reasons.Kind))
def test_every_kind_of_reason_has_a_template_in_every_language(kind: str) -> None:
    assert set(reasons.TEMPLATES[kind]) == set(LANGUAGES)  # type: ignore[index]


@pytest.mark.parametrize(
    ("either", "en", "id"),
    [
        (("A",), "handled by A", "ditangani oleh A"),
        (("A", "B"), "handled by A or B", "ditangani oleh A atau B"),
        (("A", "B", "C"), "handled by A, B or C", "ditangani oleh A, B atau C"),
    ],
)
def test_alternatives_are_joined_with_or(either: tuple[str, ...], en: str, id: str) -> None:
    said = reason("handled_by", service="x", where="there", either=either, rule="r", version=1, because=())

    assert en in reasons.sentence(said, "en")
    assert id in reasons.sentence(said, "id")


def test_supporters_are_joined_with_and() -> None:
    said = reason("supported", names=("PMI", "Dinsos"))

    assert reasons.explained((said,)) == {
        "en": ("supported by PMI and Dinsos",),
        "id": ("didukung oleh PMI dan Dinsos",),
    }
