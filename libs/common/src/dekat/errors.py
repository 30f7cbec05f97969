"""Bad input gets a 4xx that names the field; a dependency outage a 503 with `Retry-After`.

One shape across every service. An outage is never a 500: the database or broker not
answering is not the caller's fault nor a bug, and the caller should simply try again.
"""

from __future__ import annotations

import logging
import socket
from collections.abc import Callable
from typing import Any

import asyncpg
from aiokafka import errors as kafka_errors
from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from dekat import error_body

log = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 5
"""What a 503 asks the caller to wait: about the time PostgreSQL takes to restart."""

OUTAGES: tuple[type[Exception], ...] = (
    ConnectionError,  # refused, reset, broken pipe
    TimeoutError,  # a connection or a pool that did not answer in time
    socket.gaierror,
    asyncpg.PostgresConnectionError,  # the connection was lost, mid-transaction too
    asyncpg.InterfaceError,  # the pool or connection is closed
    asyncpg.exceptions.OperatorInterventionError,  # shutting down, starting up, cancelled
    asyncpg.exceptions.InsufficientResourcesError,  # too many connections, disk full
    kafka_errors.KafkaConnectionError,
    kafka_errors.KafkaTimeoutError,
)
"""Exceptions that mean a dependency is not answering, not that the input or the code is wrong.
A transaction they interrupt is rolled back, so nothing of the request is half-stored."""


def field_name(location: tuple[int | str, ...] | list[Any]) -> str:
    """`("body", "citizen", "email")` → `"citizen.email"`; the transport part is dropped."""
    parts = [str(p) for p in location]
    if parts and parts[0] in {"body", "query", "path", "header"}:
        parts = parts[1:]
    return ".".join(parts) or "body"


def problem(field: str, message: str) -> dict[str, str]:
    return {"field": field, "message": message}


def problems_of(error: ValidationError | RequestValidationError, prefix: str = "") -> list[dict[str, str]]:
    """One problem per pydantic error, each naming its field (under `prefix`, when nested)."""
    return [problem(prefix + field_name(e["loc"]), e["msg"]) for e in error.errors()]


def invalid(problems: list[dict[str, str]], status: int = 422) -> JSONResponse:
    """Bad input (or a conflict, with 409): every problem names its field."""
    return JSONResponse(error_body.body(status, problems=problems), status_code=status)


def refusal(status: int, message: str | None = None, *, field: str | None = None) -> JSONResponse:
    """A refusal about one field (a key, a path parameter), answered in the one shape."""
    return JSONResponse(error_body.body(status, message, field=field), status_code=status)


def refused(status: int, message: str | None = None, *, field: str | None = None) -> HTTPException:
    """The same, to raise from a dependency."""
    return HTTPException(status, detail=error_body.body(status, message, field=field))


def retry_after() -> dict[str, str]:
    return {"Retry-After": str(RETRY_AFTER_SECONDS)}


UNAVAILABLE = (
    f"a service Dekat depends on is not answering: try again in {RETRY_AFTER_SECONDS} seconds"
    " (with the same Idempotency-Key, so nothing is stored twice)"
)


def unavailable(message: str = UNAVAILABLE) -> JSONResponse:
    return JSONResponse(error_body.body(503, message), status_code=503, headers=retry_after())


def log_outage(request: Request, error: Exception) -> None:
    """The type only: a driver's message may quote the data, and the data may be a citizen's."""
    route = getattr(request.scope.get("route"), "path", "unmatched")  # never the path: it may hold a code
    log.warning("dependency outage answered 503: %s", type(error).__name__, extra={"route": route})


PageOf = Callable[[Request, int, dict[str, str]], Response | None]
"""A service's pages (`dekat.web.pages.install` sets `app.state.error_page`): the page a browser
gets instead of the JSON body when one of its pages is not found or cannot answer; None for API
calls."""


def as_page(request: Request, status: int, headers: dict[str, str] | None = None) -> Response | None:
    page_of: PageOf | None = getattr(request.app.state, "error_page", None)
    return page_of(request, status, headers or {}) if page_of is not None else None


async def on_outage(request: Request, error: Exception) -> Response:
    log_outage(request, error)
    return as_page(request, 503, retry_after()) or unavailable()


async def on_unstorable(request: Request, error: Exception) -> JSONResponse:
    """A value PostgreSQL will never store (a NUL character, a number out of its range) got past
    validation: the input's fault, and the transaction it broke stored nothing."""
    route = getattr(request.scope.get("route"), "path", "unmatched")
    log.warning("unstorable input answered 422: %s", type(error).__name__, extra={"route": route})
    message = f"a value in this request cannot be stored ({UNSTORABLE.get(type(error).__name__, 'invalid')})"
    return JSONResponse(error_body.body(422, message), status_code=422)


UNSTORABLE = {
    "UntranslatableCharacterError": "NUL characters are not accepted",
    "CharacterNotInRepertoireError": "NUL characters are not accepted",
    "NumericValueOutOfRangeError": "a number out of range",
    "StringDataRightTruncationError": "a text too long",
}


async def _on_validation_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    return invalid(problems_of(error))


async def _on_http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, StarletteHTTPException)
    if page := as_page(request, error.status_code, dict(error.headers or {})):
        return page
    detail = error.detail if isinstance(error.detail, dict) else {"message": str(error.detail)}
    if "error" not in detail:  # Starlette's own (an unknown path, a wrong method): into the one shape
        detail = error_body.body(error.status_code, detail.get("message"))
    return JSONResponse(detail, status_code=error.status_code, headers=error.headers)


def install(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _on_validation_error)
    app.add_exception_handler(StarletteHTTPException, _on_http_error)
    app.add_exception_handler(asyncpg.DataError, on_unstorable)
    for outage in OUTAGES:
        app.add_exception_handler(outage, on_outage)
