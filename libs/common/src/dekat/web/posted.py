"""Reading small posted HTML forms (URL-encoded fields only), never a 5xx on odd input."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import parse_qsl

from fastapi import Request

from dekat.web import csrf

MAX_FIELDS = 20
MAX_BODY = 32 * 1024
MAX_TEXT = 4000


@dataclass(frozen=True)
class Posted:
    """What the staff member typed, to check it and to put it back into the form."""

    values: dict[str, str] = field(default_factory=dict)
    csrf_ok: bool = False
    """It carried the visitor's own CSRF token (cookie and field match)."""

    def one(self, name: str) -> str:
        return self.values.get(name, "").strip()

    def text(self, name: str) -> str | None:
        return self.one(name) or None


async def body_of(request: Request) -> bytes | None:
    """The body, if it is a form no larger than `MAX_BODY`."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind != "application/x-www-form-urlencoded":
        return None
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            return None
    return body


async def read(request: Request) -> Posted | None:
    """The form's fields (the first value of each); None when the body is not a readable form."""
    body = await body_of(request)
    if body is None:
        return None
    try:
        pairs = parse_qsl(
            body.decode("utf-8"), keep_blank_values=True, max_num_fields=MAX_FIELDS, errors="strict"
        )
    except (UnicodeDecodeError, ValueError):
        return None
    values: dict[str, str] = {}
    for name, value in pairs:
        if "\x00" in value or len(value) > MAX_TEXT:
            return None
        values.setdefault(name, value)
    return Posted(values, csrf.valid(request, values.get(csrf.FIELD, "")))
