"""How intake answers what its handlers refuse: Open311's error list under `/open311`, else problems."""

from __future__ import annotations

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

    app.add_exception_handler(Open311Error, on_open311_error)
    app.add_exception_handler(RequestValidationError, on_invalid)
