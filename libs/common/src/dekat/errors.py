"""Bad input gets a 4xx that names the field, in one shape across every service."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from starlette.exceptions import HTTPException


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
    return JSONResponse({"error": "invalid_request", "problems": problems}, status_code=status)


async def _on_validation_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    return invalid(problems_of(error))


async def _on_http_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, HTTPException)
    body = error.detail if isinstance(error.detail, dict) else {"error": error.detail}
    return JSONResponse(body, status_code=error.status_code, headers=error.headers)


def install(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _on_validation_error)
    app.add_exception_handler(HTTPException, _on_http_error)
