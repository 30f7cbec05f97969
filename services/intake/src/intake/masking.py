"""Contact details a citizen typed into free text, masked for every reader but the citizen (pure).

Descriptions are published on public views and travel to routing and the agencies; a phone
number or an email address in them would reach people the citizen never meant to tell. The
tracking-code holder's own view keeps the original.
"""

from __future__ import annotations

import re

HIDDEN = "•"

EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")

PHONE = re.compile(
    r"(?<![\w+])"  # not the tail of a word or of a longer number
    r"(?P<prefix>\+62|62|\(0|0)"  # +62, 62, or the trunk 0 (also as "(021)")
    r"(?P<rest>[ .-]?\d(?:\)?[ .-]?\d){7,13})"  # 8 to 14 more digits, spaced by space, dot or dash
    r"(?!\d)"
)
"""Indonesian numbers as people write them: +62 812-3456-7890, 0812.3456.7890, 62812…, (021) 555 1234."""


def _phone(match: re.Match[str]) -> str:
    return match["prefix"] + re.sub(r"\d", HIDDEN, match["rest"])


def _email(match: re.Match[str]) -> str:
    return f"{HIDDEN * 3}@{HIDDEN * 3}"


def masked(text: str) -> str:
    """`text` with every phone number's digits (past its prefix) and every email address hidden."""
    return PHONE.sub(_phone, EMAIL.sub(_email, text))


def masked_or_none(text: str | None) -> str | None:
    return None if text is None else masked(text)
