"""What a citizen reads: templates in `templates/<version>/<kind>.<language>.txt`, first line the subject.

Templates are versioned: a wording change is a new folder, and each notification records the
template it was written from.

A line that names a value the context does not have (None or empty) is left out, so optional
facts — the citizen's name, a deadline — need no conditionals in the templates.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from importlib import resources
from string import Template

LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"
VERSION = "v1"

LOCAL_TIME = timezone(timedelta(hours=7), "WIB")
"""Deadlines are read by citizens of one city: shown in its time (Western Indonesian Time)."""

MONTHS = {
    "id": "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember",
    "en": "January February March April May June July August September October November December",
}

Context = Mapping[str, str | datetime | None]


@dataclass(frozen=True)
class Message:
    subject: str
    body: str


def written_in(language: str) -> str:
    """`language` if we write it, else Indonesian."""
    return language if language in LANGUAGES else DEFAULT_LANGUAGE


def template_name(kind: str, language: str) -> str:
    return f"{VERSION}/{kind}.{written_in(language)}"


def render(kind: str, language: str, context: Context) -> Message:
    """The message of `kind` in `language` (Indonesian when the language is not one we write)."""
    language = written_in(language)
    subject, body = template(kind, language)
    values = {key: as_text(value, language) for key, value in context.items() if value}
    lines = (fill(line, values) for line in body.splitlines())
    return Message(
        subject=fill(subject, values) or "Dekat",
        body="\n".join(line for line in lines if line is not None).strip() + "\n",
    )


def fill(line: str, values: Mapping[str, str]) -> str | None:
    """`line` with its values in; None when one of them is missing."""
    try:
        return Template(line).substitute(values)
    except KeyError:
        return None


def as_text(value: str | datetime, language: str) -> str:
    if isinstance(value, str):
        return value
    local = value.astimezone(LOCAL_TIME)
    month = MONTHS[language].split()[local.month - 1]
    separator = " pukul " if language == "id" else ", "
    clock = f"{local:%H.%M}" if language == "id" else f"{local:%H:%M}"
    return f"{local.day} {month} {local.year}{separator}{clock} WIB"


@functools.cache
def template(kind: str, language: str) -> tuple[str, str]:
    """(subject, body) of a packaged template; read once, they never change while running."""
    folder = resources.files("notify") / "templates" / VERSION
    text = (folder / f"{kind}.{language}.txt").read_text("utf-8")
    subject, _, body = text.partition("\n")
    return subject.strip(), body
