"""Open311 GeoReport v2 under `/open311/v2`: a translation over the same domain as the native API.

Every resource answers in JSON or XML by its extension; errors are the spec's
`[{"code", "description"}]` list with the matching HTTP status.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Annotated, Any

from dekat.service import Pool
from fastapi import APIRouter, Depends, Header, Query, Request
from fastapi.responses import Response

from intake import accepting, area_index, open311_input, store, views
from intake import open311_docs as docs
from intake.api import IdempotencyKey, Measured, Services
from intake.catalogue import Attribute, Service, in_language
from intake.commands import Receipt
from intake.idempotency import Answer
from intake.open311_format import FORMATS, Format, Open311Error, render
from intake.submissions import Submission

router = APIRouter(prefix="/open311/v2", tags=["open311"])
CHANGESET = "2026-05-01T00:00:00Z"


def fmt_of(fmt: str) -> Format:
    if fmt not in FORMATS:
        raise Open311Error(404, f"unknown format {fmt[:20]!r}: use .json or .xml")
    return "xml" if fmt == "xml" else "json"


def language(request: Request) -> str:
    return "en" if request.query_params.get("locale", "").lower().startswith("en") else "id"


async def clients_of(request: Request) -> dict[str, str]:
    clients: dict[str, str] = request.app.state.open311_clients
    return clients


def check_jurisdiction(request: Request, given: str | None) -> None:
    if given and given != request.app.state.settings.open311_jurisdiction:
        raise Open311Error(404, f"jurisdiction_id {given[:60]!r} not found")


Clients = Annotated[dict[str, str], Depends(clients_of)]
Jurisdiction = Annotated[str | None, Query(description=docs.JURISDICTION)]
LISTING = {
    "parameters": [
        {"name": name, "in": "query", "required": False, "schema": {"type": "string"}, "description": why}
        for name, why in (
            ("jurisdiction_id", docs.JURISDICTION),
            ("service_request_id", "Request ids, comma-separated; given, every other filter is ignored"),
            ("service_code", "Service codes, comma-separated"),
            ("status", "`open`, `closed`, or `open,closed`"),
            ("start_date", "W3C date and time with a zone; the window is at most 90 days"),
            ("end_date", "W3C date and time with a zone"),
        )
    ]
}


@router.get("/discovery.{fmt}", responses=docs.answers(docs.Discovery))
async def discovery(fmt: docs.FormatPath, request: Request) -> Response:
    url = f"{request.app.state.settings.public_url}/open311/v2"
    endpoint = {
        "specification": "http://wiki.open311.org/GeoReport_v2",
        "url": url,
        "changeset": CHANGESET,
        "type": "production",
        "formats": list(FORMATS.values()),
    }
    document = {
        "changeset": CHANGESET,
        "contact": "Dekat help desk, layanan@dekat.example.id",
        "key_service": "Ask the Dekat operators for an api_key",
        "endpoints": [endpoint],
    }
    return render(fmt_of(fmt), "discovery", document)


def listed(s: Service, lang: str) -> dict[str, Any]:
    return {
        "service_code": s.code,
        "service_name": in_language(s.name, lang),
        "description": in_language(s.description, lang),
        "metadata": s.metadata,
        "type": s.type,
        "keywords": ", ".join(s.keywords),
        "group": s.group,
    }


@router.get("/services.{fmt}", responses=docs.answers(list[docs.ServiceListed], 400, 429))
async def services(
    fmt: docs.FormatPath, request: Request, catalogue: Services, jurisdiction_id: Jurisdiction = None
) -> Response:
    check_jurisdiction(request, jurisdiction_id)
    lang = language(request)
    return render(fmt_of(fmt), "services", [listed(s, lang) for s in catalogue.values()])


def defined(a: Attribute, lang: str) -> dict[str, Any]:
    return {
        "variable": a.variable,
        "code": a.code,
        "datatype": a.datatype,
        "required": a.required,
        "datatype_description": in_language(a.datatype_description, lang),
        "order": a.order,
        "description": in_language(a.description, lang),
        "values": [{"key": v.key, "name": in_language(v.name, lang)} for v in a.values],
    }


@router.get("/services/{service_code}.{fmt}", responses=docs.answers(docs.ServiceDefinition, 400, 429))
async def service_definition(
    service_code: str,
    fmt: docs.FormatPath,
    request: Request,
    catalogue: Services,
    jurisdiction_id: Jurisdiction = None,
) -> Response:
    chosen = fmt_of(fmt)
    check_jurisdiction(request, jurisdiction_id)
    service = catalogue.get(service_code)
    if service is None:
        raise Open311Error(404, f"service_code {service_code[:64]!r} not found", chosen)
    lang = language(request)
    document = {"service_code": service.code, "attributes": [defined(a, lang) for a in service.attributes]}
    return render(chosen, "service_definition", document)


def failure(found: list[Any]) -> Open311Error:
    return Open311Error(400, "; ".join(f"{p.field}: {p.message}" for p in found))


def created(s: Submission, notice: str | None) -> accepting.AnswerOf:
    """Open311's answer to a new request: its id, token, the service's notice, the account."""

    def answer(r: Receipt) -> Answer:
        account = s.citizen.account_id if s.citizen else None
        created = {"service_request_id": r.id, "token": r.token, "service_notice": notice}
        return Answer(200, [{**created, "account_id": account}])

    return answer


@router.post(
    "/requests.{fmt}",
    responses=docs.answers(list[docs.Created], 400, 403, 409, 413, 429),
    openapi_extra=docs.POSTED_FORM,
)
async def post_request(
    fmt: docs.FormatPath,
    request: Request,
    pool: Pool,
    catalogue: Services,
    clients: Clients,
    measured: Measured,
    places: area_index.Known,
    key: IdempotencyKey = None,
    content_type: Annotated[str, Header()] = "",
) -> Response:
    """Create a service request from a form-encoded body, as the spec sends it."""
    chosen = fmt_of(fmt)
    if content_type.split(";")[0].strip().lower() not in {"application/x-www-form-urlencoded", ""}:
        raise Open311Error(400, "send the request as application/x-www-form-urlencoded", chosen)
    pairs = open311_input.form(await request.body())
    fields = dict(reversed(pairs))
    client = clients.get(fields.get("api_key", ""))
    if client is None:
        measured.rejected.labels("open311", "forbidden").inc()
        raise Open311Error(403, "api_key is missing or not known", chosen)
    check_jurisdiction(request, fields.get("jurisdiction_id"))
    s = open311_input.submission(pairs, client)
    answer = await accepting.accept(
        pool,
        s,
        services=catalogue,
        places=places,
        measured=measured,
        scope=f"open311/{client}",
        key=key,
        body=sorted(pairs),
        answer_of=created(s, views.service_notice(catalogue.get(s.service_code), language(request))),
    )
    if isinstance(answer, list):
        raise failure(answer)
    if answer.status >= 400:
        measured.rejected.labels("open311", "conflict").inc()
        raise Open311Error(answer.status, answer.body["problems"][0]["message"], chosen)
    return render(chosen, "service_requests", answer.body)


@router.get(
    "/requests.{fmt}", responses=docs.answers(list[docs.ServiceRequest], 400, 429), openapi_extra=LISTING
)
async def get_requests(fmt: docs.FormatPath, request: Request, pool: Pool, catalogue: Services) -> Response:
    """Requests by id (a comma list), or by service_code, status and date window."""
    chosen = fmt_of(fmt)
    q = request.query_params
    check_jurisdiction(request, q.get("jurisdiction_id"))
    ids = open311_input.comma_list(q.get("service_request_id"))
    filters: dict[str, Any] = {"service_codes": None, "closed": None, "start": None, "end": None}
    if ids is None:  # the spec: given ids, every other filter is ignored
        start, end = open311_input.window(q.get("start_date"), q.get("end_date"), datetime.now(UTC))
        filters = {
            "service_codes": open311_input.comma_list(q.get("service_code")),
            "closed": open311_input.closed_filter(q.get("status")),
            "start": start,
            "end": end,
        }
    uuids = [i for i in ids if valid_uuid(i)] if ids else None
    async with pool.acquire() as conn:
        rows = await store.listing(conn, ids=uuids, limit=open311_input.LIMIT, **filters)
    lang = language(request)
    return render(
        chosen, "service_requests", [views.open311(r, catalogue.get(r["service_code"]), lang) for r in rows]
    )


def valid_uuid(text: str) -> bool:
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True


@router.get(
    "/requests/{service_request_id}.{fmt}", responses=docs.answers(list[docs.ServiceRequest], 400, 429)
)
async def get_request(
    service_request_id: str,
    fmt: docs.FormatPath,
    request: Request,
    pool: Pool,
    catalogue: Services,
    jurisdiction_id: Jurisdiction = None,
) -> Response:
    chosen = fmt_of(fmt)
    check_jurisdiction(request, jurisdiction_id)
    row = None
    if valid_uuid(service_request_id):
        async with pool.acquire() as conn:
            row = await store.request_by(conn, "id", service_request_id)
    if row is None:
        raise Open311Error(404, f"service_request_id {service_request_id[:64]!r} not found", chosen)
    view = views.open311(row, catalogue.get(row["service_code"]), language(request))
    return render(chosen, "service_requests", [view])


@router.get("/tokens/{token}.{fmt}", responses=docs.answers(list[docs.TokenAnswer], 400, 429))
async def get_token(token: str, fmt: docs.FormatPath, request: Request, pool: Pool) -> Response:
    chosen = fmt_of(fmt)
    async with pool.acquire() as conn:
        row = await store.request_by(conn, "token", token[:100])
    if row is None:
        raise Open311Error(404, f"token {token[:64]!r} not found", chosen)
    return render(chosen, "service_requests", [{"service_request_id": row["id"], "token": token}])
