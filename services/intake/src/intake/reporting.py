"""Making a request in the browser: where (step 1), what (step 2, with photos), then its tracking code.

A posted form becomes the API's body and goes through the same checks and the same idempotency
(`idempotency.once`, keyed by the `idem` field the form was rendered with): a double click makes
one request. Bad input shows the form again with each field's message.
"""

from __future__ import annotations

import dataclasses
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

from dekat.service import Pool
from dekat.vocabulary import Language
from dekat.web import csrf, languages
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from intake import (
    commands,
    drafts,
    forms,
    idempotency,
    nearby,
    places,
    portal_store,
    store,
    uploads,
    views,
    web,
)
from intake.api import Measured, Services
from intake.catalogue import Service
from intake.counter import mode as counter_mode
from intake.drafts import Draft
from intake.forms import Entered
from intake.idempotency import Answer
from intake.places import Place, Places
from intake.portal import Shown
from intake.requests import normal_tracking_code
from intake.submissions import Problem

router = APIRouter(tags=["citizen portal"], include_in_schema=False)


def located(entered: Entered) -> bool:
    return bool((entered.one("lat") and entered.one("long")) or entered.one("area") or entered.one("address"))


async def close_by(pool: Pool, service: Service, entered: Entered, now: datetime) -> list[nearby.Near]:
    point = forms.number(entered.one("lat")), forms.number(entered.one("long"))
    if not (isinstance(point[0], float) and isinstance(point[1], float)):
        return []
    async with pool.acquire() as conn:
        rows = await portal_store.open_near(
            conn, service.code, nearby.box_around(point[0], point[1]), nearby.since(now)
        )
    return nearby.closest([views.public(r, []) for r in rows], point[0], point[1])


def words_of(shown: Shown, language: Language) -> dict[str, str]:
    problems: dict[str, str] = shown.words[language]["problems"]
    return problems


@router.get("/services/{service_code}/report", response_class=HTMLResponse)
async def report_form(
    request: Request, service_code: str, shown: Shown, services: Services, known: Places, pool: Pool
) -> Response:
    service = services.get(service_code)
    if service is None:
        return shown.message(request, 404, "not_found", "not_found_text")
    entered = Entered({k: request.query_params.getlist(k) for k in request.query_params})
    language = shown.language(request)
    if service.location_required and entered.one("step") != "details":
        return locate_page(request, shown, service, entered, known, {})
    found = drafts.place_problems(entered, known)
    if service.location_required and not located(entered):
        found.append(Problem("lat", "this service needs a location"))
    if found:
        problems = forms.localized(found, words_of(shown, language))
        return locate_page(request, shown, service, entered, known, problems, status=422)
    near = await close_by(pool, service, entered, datetime.now(UTC))
    page = ReportPage(service, entered, known, language=language, idem=new_key(), near=near)
    return report_page(request, shown, page)


def locate_page(
    request: Request,
    shown: Shown,
    service: Service,
    entered: Entered,
    known: list[Place],
    problems: dict[str, str],
    *,
    status: int = 200,
) -> Response:
    return shown.render(
        request,
        "portal/locate.html",
        status=status,
        service=service,
        entered=entered,
        places=places.chooser(known),
        problems=problems,
    )


@dataclass(frozen=True)
class ReportPage:
    """What the form page shows: the service, what was typed, and what is wrong with it."""

    service: Service
    entered: Entered
    places: list[Place]
    language: Language
    idem: str
    problems: dict[str, str] = dataclasses.field(default_factory=dict)
    near: list[nearby.Near] = dataclasses.field(default_factory=list)
    conflict: bool = False


def report_page(request: Request, shown: Shown, p: ReportPage, status: int = 200) -> Response:
    where = {k: p.entered.one(k) for k in ("lat", "long", "area", "address") if p.entered.one(k)}
    page_url = f"/services/{p.service.code}/report"
    return shown.render(
        request,
        "portal/report.html",
        status=status,
        lang=p.language,
        page_url=page_url if request.method == "POST" else None,
        service=p.service,
        entered=p.entered,
        problems=p.problems,
        questions=forms.questions(p.service, p.language),
        notices=forms.notices(p.service, p.language),
        places=places.chooser(p.places),
        located=p.service.location_required and located(p.entered),
        place_text=", ".join(
            filter(None, [places.named(p.places, p.entered.one("area")), p.entered.one("address")])
        ),
        change_url=f"{page_url}?{urlencode(where)}" if where else page_url,
        nearby=p.near,
        idem=p.idem,
        conflict=p.conflict,
    )


def place_text(entered: Entered, known: list[Place]) -> str:
    """`Kel. Cikini, Kec. Menteng, Jl. Cikini Raya 12`: the chosen area and the address typed."""
    return ", ".join(filter(None, [places.named(known, entered.one("area")), entered.one("address")]))


def new_id() -> str:
    return str(uuid.uuid4())


def new_key() -> str:
    return uuid.uuid4().hex


async def save(pool: Pool, draft: Draft, key: str | None, services: Services) -> Answer:
    """The request and its photos in one transaction, once per idempotency key."""
    assert draft.submission is not None
    submission, now = draft.submission, datetime.now(UTC)

    async def work(conn: Any) -> Answer:
        receipt = await commands.submit(conn, submission, now, services)
        await portal_store.insert_photos(conn, receipt.id, draft.photos)
        body = {
            "id": receipt.id,
            "tracking_code": receipt.tracking_code,
            "reporter_key": receipt.reporter_key,
        }
        return Answer(201, body)

    return await idempotency.once(pool, "portal", key, draft.fingerprint, work)


async def readable(request: Request, shown: Shown) -> uploads.Posted | Response:
    """The posted form, or the page that says why it cannot be taken."""
    posted = await uploads.read(request)
    if posted is None:
        return shown.message(request, 400, "bad_request", "bad_request_text")
    if not csrf.valid(request, posted.entered.one(csrf.FIELD)):
        return shown.message(request, 403, "forbidden", "forbidden_text")
    return posted


@router.post("/services/{service_code}/report", response_class=HTMLResponse)
async def submit_report(
    request: Request,
    service_code: str,
    shown: Shown,
    services: Services,
    known: Places,
    pool: Pool,
    measured: Measured,
) -> Response:
    """Take the report in (then to its confirmation), or show the form again with each field's message."""
    posted = await readable(request, shown)
    if isinstance(posted, Response):
        return posted
    if (service := services.get(service_code)) is None:
        return shown.message(request, 404, "not_found", "not_found_text")
    entered, now = posted.entered, datetime.now(UTC)
    language = languages.known(entered.one("lang")) or shown.language(request)
    context = drafts.Context(
        services,
        known,
        request.app.state.areas.current,
        language,
        now,
        request.app.state.settings.public_url,
        new_id,
    )
    draft = drafts.drafted(service.code, entered, posted.files, context)
    idem = entered.one("idem") if forms.KEY_SHAPE.match(entered.one("idem")) else new_key()
    page = ReportPage(service, entered, known, language=language, idem=idem)
    if draft.problems:
        measured.reject("web", draft.problems)
        problems = forms.localized(draft.problems, words_of(shown, language))
        near = await close_by(pool, service, entered, now)
        return report_page(request, shown, dataclasses.replace(page, problems=problems, near=near), 422)
    draft = await counter_mode.at_the_desk(draft, request)
    answer = await save(pool, draft, idem, services)
    if answer.status != 201:
        measured.rejected.labels("web", "conflict").inc()
        return report_page(request, shown, dataclasses.replace(page, idem=new_key(), conflict=True), 409)
    if not answer.replayed:
        measured.accepted.labels("web", service.code).inc()
    return RedirectResponse(sent_url(answer.body, language), status_code=303)


def sent_url(receipt: dict[str, Any], language: Language) -> str:
    """The confirmation, with the submitter's key: it is shown once, there (the API answers it once)."""
    query = {"lang": language, **({"k": receipt["reporter_key"]} if receipt.get("reporter_key") else {})}
    return f"/sent/{receipt['tracking_code']}?{urlencode(query)}"


@router.get("/sent/{tracking_code}", response_class=HTMLResponse)
async def sent(
    request: Request, tracking_code: str, shown: Shown, pool: Pool, k: str | None = None
) -> Response:
    """The confirmation: the tracking code to keep, and the way to the tracking page (with the key)."""
    code = normal_tracking_code(tracking_code[:40])
    async with pool.acquire() as conn:
        row = await store.request_by(conn, "tracking_code", code)
    if row is None:
        return shown.message(request, 404, "not_found", "not_found_text")
    key = web.secret_of(k)
    track_url = f"/track/{code}?{urlencode({'k': key})}" if key else f"/track/{code}"
    return shown.render(request, "portal/sent.html", tracking_code=code, track_url=track_url, keyed=bool(key))
