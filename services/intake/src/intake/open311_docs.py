"""What intake's OpenAPI document says of Open311 GeoReport v2: the spec's documents, in JSON or
XML by the extension, its form-encoded POST, and its own error list for every refusal."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import Path
from pydantic import BaseModel, Field, RootModel

JURISDICTION = "The jurisdiction (optional: intake serves one)"
FormatPath = Annotated[
    str,
    Path(
        description="`json` or `xml`: the format of the answer", json_schema_extra={"enum": ["json", "xml"]}
    ),
]
XML = {"text/xml": {"schema": {"type": "string", "description": "The same document in the spec's XML"}}}
WHY = {
    400: "Bad input: the description says which parameter and why",
    403: "`api_key` missing or not known",
    404: "No such format, service, request, token or jurisdiction",
    409: "A reused Idempotency-Key with another body",
    413: "The body is larger than this endpoint accepts",
    429: "Too many requests from this client or key: wait Retry-After seconds",
    503: "A dependency is not answering: retry after Retry-After seconds",
}
RETRY_AFTER = {"Retry-After": {"description": "Seconds to wait", "schema": {"type": "integer"}}}


class Open311Problem(BaseModel):
    code: int
    """The HTTP status."""
    description: str


class Open311Errors(RootModel[list[Open311Problem]]):
    """The spec's error list (the one format intake answers Open311 clients' errors in)."""


class Endpoint(BaseModel):
    specification: str
    url: str
    changeset: str
    type: str
    formats: list[str]


class Discovery(BaseModel):
    changeset: str
    contact: str
    key_service: str
    endpoints: list[Endpoint]


class ServiceListed(BaseModel):
    service_code: str
    service_name: str
    description: str
    metadata: bool
    type: str
    keywords: str
    group: str


class ValueChoice(BaseModel):
    key: str
    name: str


class AttributeDefinition(BaseModel):
    variable: bool
    code: str
    datatype: str
    required: bool
    datatype_description: str | None
    order: int
    description: str | None
    values: list[ValueChoice]


class ServiceDefinition(BaseModel):
    service_code: str
    attributes: list[AttributeDefinition]


class ServiceRequest(BaseModel):
    service_request_id: str
    status: Literal["open", "closed"]
    status_notes: str | None
    service_name: str | None
    service_code: str
    description: str | None
    agency_responsible: str | None
    service_notice: str | None
    requested_datetime: str | None
    updated_datetime: str | None
    expected_datetime: str | None
    address: str | None
    address_id: str | None
    zipcode: str | None
    lat: float | None
    long: float | None
    media_url: str | None


class Created(BaseModel):
    service_request_id: str
    token: str | None
    service_notice: str | None
    account_id: str | None


class TokenAnswer(BaseModel):
    service_request_id: str
    token: str


def answers(model: Any, *refusals: int) -> dict[int | str, dict[str, Any]]:
    """`responses=` for an Open311 route: the document in JSON or XML, and each refusal as the
    spec's error list (in the format asked for)."""
    documented: dict[int | str, dict[str, Any]] = {200: {"model": model, "content": XML}}
    for status in (*refusals, 404, 503):
        documented[status] = {"model": Open311Errors, "description": WHY[status], "content": XML}
        if status in (429, 503):
            documented[status]["headers"] = RETRY_AFTER
    return documented


class RequestForm(BaseModel):
    """`POST requests.{fmt}`, form-encoded as the spec sends it; `attribute[CODE]` (or
    `attribute[CODE][]`, repeated) answers the service definition's attributes."""

    api_key: str
    service_code: str = Field(max_length=64)
    jurisdiction_id: str | None = None
    lat: float | None = Field(None, ge=-90, le=90)
    long: float | None = Field(None, ge=-180, le=180)
    address_string: str | None = Field(None, max_length=500)
    address_id: str | None = Field(None, max_length=100)
    zipcode: str | None = Field(None, max_length=20)
    description: str | None = Field(None, max_length=4000)
    email: str | None = None
    device_id: str | None = None
    account_id: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    phone: str | None = Field(None, pattern=r"^\+?[0-9 ()-]{6,20}$")
    media_url: str | None = Field(None, pattern=r"^https?://\S{1,2000}$")
    privacy: Literal["public", "confidential", "anonymous"] = "public"


POSTED_FORM = {
    "requestBody": {
        "required": True,
        "content": {"application/x-www-form-urlencoded": {"schema": RequestForm.model_json_schema()}},
    }
}
