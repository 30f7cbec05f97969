"""The one body every Dekat HTTP API answers an error with, and its codes.

`{"error": <code>, "message": <words>, "field": <the one field at fault>, "problems": [...]}`:
the code says what kind of refusal it is (clients branch on it), the message says it in words,
and for bad input every problem names its field. Open311's own error list (`/open311`) is the
one exception: that standard fixes its format.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

ErrorCode = Literal[
    "invalid_request",
    "unauthorized",
    "forbidden",
    "not_found",
    "method_not_allowed",
    "conflict",
    "too_large",
    "unsupported_media_type",
    "rate_limited",
    "unavailable",
]

CODES: dict[int, ErrorCode] = {
    400: "invalid_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid_request",
    429: "rate_limited",
    503: "unavailable",
}
"""The code of each status Dekat answers: one status, one code, in every service."""

MESSAGES: dict[ErrorCode, str] = {
    "invalid_request": "the request is not valid: every problem names its field",
    "unauthorized": "a credential is required",
    "forbidden": "this credential may not do this",
    "not_found": "not found",
    "method_not_allowed": "this method is not allowed here",
    "conflict": "this conflicts with the request's current state",
    "too_large": "the body is too large",
    "unsupported_media_type": "this content type is not accepted here",
    "rate_limited": "too many requests: try again after Retry-After seconds",
    "unavailable": "a service Dekat depends on is not answering: try again after Retry-After seconds",
}


class Problem(BaseModel):
    """One thing wrong with the input, and where."""

    model_config = ConfigDict(frozen=True)

    field: str
    """Dotted path into the body (`citizen.email`), or the parameter or header name."""
    message: str


class ErrorBody(BaseModel):
    """What every error answer carries (except Open311's own format under `/open311`)."""

    model_config = ConfigDict(frozen=True)

    error: ErrorCode
    message: str
    field: str | None = None
    """The one field the refusal is about, when there is one (a path parameter, `X-API-Key`)."""
    problems: list[Problem] | None = None
    """Every problem with the input, each naming its field (bad input, conflicts)."""


def code_of(status: int) -> ErrorCode:
    return CODES.get(status, "invalid_request" if status < 500 else "unavailable")


def body(
    status: int,
    message: str | None = None,
    *,
    field: str | None = None,
    problems: list[dict[str, str]] | list[Problem] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """The JSON body of an error answer with `status`; `extra` for a documented subclass's fields."""
    code = code_of(status)
    shaped = ErrorBody(
        error=code,
        message=message or MESSAGES[code],
        field=field,
        problems=[Problem.model_validate(p) for p in problems] if problems is not None else None,
    )
    return {**shaped.model_dump(mode="json", exclude_none=True), **extra}
