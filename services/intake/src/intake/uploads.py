"""Reading the portal's posted forms: fields, files and the CSRF token, never a 5xx on odd input."""

from __future__ import annotations

from dataclasses import dataclass, field

from fastapi import HTTPException, Request
from starlette.datastructures import UploadFile

from intake.forms import Entered
from intake.photos import MAX_BYTES

MAX_FILES = 10
"""More than this is not a citizen attaching photos; `photos.MAX_COUNT` gives the field's message."""


@dataclass(frozen=True)
class Posted:
    entered: Entered
    files: list[bytes] = field(default_factory=list)


async def read(request: Request) -> Posted | None:
    """The form's fields and attached files; None when the body cannot be read as a form."""
    try:
        form = await request.form(max_files=MAX_FILES, max_fields=200)
    except (HTTPException, ValueError, KeyError, AssertionError):
        return None
    values: dict[str, list[str]] = {}
    files: list[bytes] = []
    for name, value in form.multi_items():
        if isinstance(value, UploadFile):
            data = await value.read(MAX_BYTES + 1)
            if value.filename or data:  # an empty file input still sends a nameless, empty part
                files.append(data)
        elif "\x00" in value:
            return None
        else:
            values.setdefault(name, []).append(value)
    return Posted(Entered(values), files)
