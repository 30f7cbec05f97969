"""How long an SMS is: GSM-7 septets and segments (GSM 03.38), and text made GSM-7 safe.

One character outside GSM-7 (a curly quote, an emoji) turns the whole SMS into UCS-2, which
halves what a segment holds; `plain()` replaces the usual suspects so that never happens.
"""

from __future__ import annotations

import math
import unicodedata

BASIC = (
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
EXTENDED = "^{}\\[~]|€\f"
"""Each of these takes two septets (an escape and the character)."""

SINGLE, PART = 160, 153
"""Septets in a single SMS, and in each part of a concatenated one."""
UCS2_SINGLE, UCS2_PART = 70, 67

TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2026": "...",
        "\u00a0": " ",
        "\u2022": "-",
        "\t": " ",
    }
)


def septets(text: str) -> int | None:
    """The GSM-7 length of `text`, or None when it cannot be written in GSM-7."""
    total = 0
    for char in text:
        if char in BASIC:
            total += 1
        elif char in EXTENDED:
            total += 2
        else:
            return None
    return total


def segments(text: str) -> int:
    """How many SMS parts `text` takes (GSM-7 when it can, else UCS-2)."""
    length = septets(text)
    if length is not None:
        return 1 if length <= SINGLE else math.ceil(length / PART)
    units = len(text.encode("utf-16-le")) // 2
    return 1 if units <= UCS2_SINGLE else math.ceil(units / UCS2_PART)


def plain(text: str) -> str:
    """`text` in GSM-7: typographic marks made plain, accents dropped where GSM-7 lacks them,
    anything else (emoji) left out."""
    return "".join(_gsm_char(char) for char in text.translate(TYPOGRAPHY))


def _gsm_char(char: str) -> str:
    if char in BASIC or char in EXTENDED:
        return char
    base = unicodedata.normalize("NFKD", char)[:1]
    return base if base and (base in BASIC) else ""
