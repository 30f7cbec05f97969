"""How intake answers what its handlers refuse: Open311's error list under `/open311`, else problems.

An outage is a 503 with `Retry-After` either way (`dekat.errors.OUTAGES`).
"""

from __future__ import annotations

from dekat import errors
from dekat.errors import invalid, problems_of
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response

from intake import open311_format
from intake.limits import channel_of
from intake.metrics import IntakeMetrics
from intake.open311_format import Open311Error


def install(app: FastAPI, measured: IntakeMetrics) -> None:
    async def on_open311_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, Open311Error)
        return open311_format.errors(
            open311_format.format_of(request.url.path), error.status, error.description
        )

    async def on_invalid(request: Request, error: Exception) -> Response:
        assert isinstance(error, RequestValidationError)
        channel = channel_of(request.url.path)
        if request.method == "POST":
            measured.rejected.labels(channel, "validation").inc()
        found = problems_of(error)
        if channel == "open311":
            described = "; ".join(f"{p['field']}: {p['message']}" for p in found)
            return open311_format.errors(open311_format.format_of(request.url.path), 400, described)
        return invalid(found)

    async def on_outage(request: Request, error: Exception) -> Response:
        if channel_of(request.url.path) != "open311":
            return await errors.on_outage(request, error)
        errors.log_outage(request, error)
        fmt = open311_format.format_of(request.url.path)
        response = open311_format.errors(fmt, 503, errors.UNAVAILABLE)
        response.headers.update(errors.retry_after())
        return response

    app.add_exception_handler(Open311Error, on_open311_error)
    app.add_exception_handler(RequestValidationError, on_invalid)
    for outage in errors.OUTAGES:
        app.add_exception_handler(outage, on_outage)
