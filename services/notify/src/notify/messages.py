"""What a citizen reads: Jinja2 templates in `templates/<version>/<format>/<kind>.<language>.txt`.

Two formats: `email` (first line the subject) and `short` (SMS and WhatsApp). Templates are
versioned: a wording change is a new folder, and each notification records the template it was
written from (`templates/v1`, plain `string.Template` files, is what older records name).

`StrictUndefined`: every template gets every value (None when a fact is absent) and says with
`{% if %}` what it leaves out, so a misspelt name fails the tests instead of dropping a line.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

import jinja2

from notify import moments

VERSION = "v2"
LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"

Format = Literal["email", "short"]


@dataclass(frozen=True)
class Message:
    subject: str
    body: str


def written_in(language: str) -> str:
    """`language` if we write it, else Indonesian."""
    return language if language in LANGUAGES else DEFAULT_LANGUAGE


def format_of(channel: str) -> Format:
    return "email" if channel == "email" else "short"


def template_name(kind: str, language: str, form: Format) -> str:
    return f"{VERSION}/{form}/{kind}.{written_in(language)}"


def render(kind: str, language: str, context: Mapping[str, Any], *, form: Format = "email") -> Message:
    """The message of `kind` in `language` (Indonesian when it is not one we write)."""
    language = written_in(language)
    values = {**context, "language": language}
    text = environment().get_template(f"{template_name(kind, language, form)}.txt").render(values)
    if form == "short":
        return Message(subject="", body=" ".join(text.split()))
    subject, _, body = text.strip().partition("\n")
    return Message(subject=subject.strip() or "Dekat", body=tidy(body))


def tidy(body: str) -> str:
    """No trailing spaces, at most one blank line in a row, one final newline."""
    lines = [line.rstrip() for line in body.strip().splitlines()]
    kept = [line for at, line in enumerate(lines) if line or (at and lines[at - 1])]
    return "\n".join(kept) + "\n"


@jinja2.pass_context
def when(context: jinja2.runtime.Context, moment: datetime, short: bool = False) -> str:
    return moments.when(moment, language=context["language"], zone_name=context["zone"], short=short)


@jinja2.pass_context
def number(context: jinja2.runtime.Context, value: int) -> str:
    return moments.number(value, language=context["language"])


@functools.cache
def environment() -> jinja2.Environment:
    """Read once: templates never change while notify runs."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("notify", "templates"),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # noqa: S701 (plain text: SMS and text/plain mail; pages escape)
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["when"] = when
    env.filters["number"] = number
    return env
