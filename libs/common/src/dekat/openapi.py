"""What the OpenAPI documents say about errors: the body the services really answer with.

Routes list the refusals they make (`responses=errors(401, 404)`); every operation also gets the
503 of an outage, one with a body the 400 of a body that does not parse, and FastAPI's own 422
(its `detail` list, which Dekat never sends) is replaced by `ErrorBody`, because that is what
`dekat.errors` answers a validation error with.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

from dekat.error_body import ErrorBody

Responses = dict[int | str, dict[str, Any]]

WHY: dict[int, str] = {
    400: "Bad input: every problem names its field",
    401: "No credential, or one that is not valid here",
    403: "A valid credential that may not do this",
    404: "No such thing (the field names which)",
    409: "Conflicts with the current state: the problems say why",
    413: "The body is larger than this endpoint accepts",
    415: "A content type this endpoint does not read",
    422: "Bad input: every problem names its field",
    429: "Too many requests from this client or key: wait Retry-After seconds",
    503: "A dependency (PostgreSQL, Kafka) is not answering: retry after Retry-After seconds",
}
RETRY_AFTER = {"Retry-After": {"description": "Seconds to wait", "schema": {"type": "integer"}}}
SCHEMA_REF = "#/components/schemas/ErrorBody"


def errors(*statuses: int, model: type[ErrorBody] = ErrorBody) -> Responses:
    """`responses=` for a route that may refuse with these statuses."""
    return {status: response(status, model) for status in statuses}


def response(status: int, model: type[ErrorBody] = ErrorBody) -> dict[str, Any]:
    documented: dict[str, Any] = {"model": model, "description": WHY.get(status, "Refused")}
    if status in (429, 503):
        documented["headers"] = RETRY_AFTER
    return documented


def install(app: FastAPI) -> None:
    """Generate the document once, with Dekat's errors in place of FastAPI's."""
    generate = app.openapi
    app.state.own_errors = ()

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = with_dekat_errors(generate(), app.state.own_errors)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def keep_own_errors(app: FastAPI, *prefixes: str) -> None:
    """Paths under `prefixes` answer errors in a format of their own (Open311's): their routes
    document every error themselves, and FastAPI's 422 is dropped from them."""
    app.state.own_errors = prefixes


def with_dekat_errors(document: dict[str, Any], own_errors: tuple[str, ...] = ()) -> dict[str, Any]:
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    shape = ErrorBody.model_json_schema(ref_template="#/components/schemas/{model}")
    schemas.update(shape.pop("$defs", {}))
    schemas.setdefault("ErrorBody", shape)
    for name, path in document.get("paths", {}).items():
        for operation in path.values():
            answers = operation.setdefault("responses", {})
            if name.startswith(own_errors):
                if "HTTPValidationError" in str(answers.get("422")):
                    del answers["422"]
                continue
            if "422" in answers and "HTTPValidationError" in str(answers["422"]):
                answers["422"] = documented(422)
            if "requestBody" in operation:  # a body that is not JSON at all never reaches validation
                answers.setdefault("400", documented(400))
            answers.setdefault("503", {**documented(503), "headers": RETRY_AFTER})
    schemas.pop("HTTPValidationError", None)
    schemas.pop("ValidationError", None)
    return document


def documented(status: int) -> dict[str, Any]:
    return {
        "description": WHY[status],
        "content": {"application/json": {"schema": {"$ref": SCHEMA_REF}}},
    }
