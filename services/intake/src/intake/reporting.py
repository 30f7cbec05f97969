"""Making a request in the browser: where (step 1), what (step 2, with photos), then its tracking code.

A posted form becomes the API's body and goes through the same checks and the same idempotency
(`idempotency.once`, keyed by the `idem` field the form was rendered with): a double click makes
one request. Bad input shows the form again with each field's message.
"""

from __future__ import annotations

import dataclasses
import hashlib
import uuid
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

from dekat.payloads import Photo
from dekat.service import Pool
from dekat.vocabulary import Language
from dekat.web import csrf, languages
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from intake import commands, forms, idempotency, nearby, photos, places, portal_store, store, uploads, views
from intake.api import Measured, Services
from intake.catalogue import Service
from intake.forms import Entered
from intake.idempotency import Answer
from intake.places import Place, Places
from intake.portal import Shown
from intake.requests import normal_tracking_code
from intake.submissions import Problem, Submission

router = APIRouter(tags=["citizen portal"], include_in_schema=False)


def located(entered: Entered) -> bool:
    return bool((entered.one("lat") and entered.one("long")) or entered.one("area") or entered.one("address"))


def place_problems(entered: Entered, known: list[Place]) -> list[Problem]:
    area = entered.one("area")
    if area and places.named(known, area) is None:
        return [Problem("area", "is not one of the areas Dekat serves")]
    return []


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
    found = place_problems(entered, known)
    if service.location_required and not located(entered):
        found.append(Problem("lat", "this service needs a location"))
    if found:
        problems = forms.localized(found, words_of(shown, language))
        return locate_page(request, shown, service, entered, known, problems, status=422)
    near = await close_by(pool, service, entered, datetime.now(UTC))
    return report_page(request, shown, service, entered, known, {}, near=near, idem=uuid.uuid4().hex)


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


def report_page(
    request: Request,
    shown: Shown,
    service: Service,
    entered: Entered,
    known: list[Place],
    problems: dict[str, str],
    *,
    near: list[nearby.Near],
    idem: str,
    status: int = 200,
    language: Language | None = None,
    conflict: bool = False,
) -> Response:
    language = language or shown.language(request)
    where = {k: entered.one(k) for k in ("lat", "long", "area", "address") if entered.one(k)}
    change = urlencode(where)
    page_url = f"/services/{service.code}/report"
    return shown.render(
        request,
        "portal/report.html",
        status=status,
        lang=language,
        page_url=page_url if request.method == "POST" else None,
        service=service,
        entered=entered,
        problems=problems,
        questions=forms.questions(service, language),
        notices=forms.notices(service, language),
        places=places.chooser(known),
        located=service.location_required and located(entered),
        place_text=", ".join(
            filter(None, [places.named(known, entered.one("area")), entered.one("address")])
        ),
        change_url=f"{page_url}?{change}" if change else page_url,
        nearby=near,
        idem=idem,
        conflict=conflict,
    )


def cleaned_photos(files: list[bytes]) -> list[photos.Cleaned] | Problem:
    """The photos to store, or the field's problem (none is stored then)."""
    if refusal := photos.refusal_of(files):
        return Problem("photos", refusal)
    found = [photos.cleaned(f) for f in files]
    refused = next((r for r in found if isinstance(r, str)), None)
    return Problem("photos", refused) if refused else [c for c in found if not isinstance(c, str)]


def with_photos(s: Submission, stored: list[tuple[str, photos.Cleaned]], public_url: str) -> Submission:
    """The submission with its photos' links; a public request also gets a public `media_url`."""
    facts = tuple(
        Photo(photo_id=i, content_type=c.content_type, url=f"{public_url}/photos/{i}") for i, c in stored
    )
    media = f"{public_url}/media/{stored[0][0]}" if stored and s.privacy == "public" else s.media_url
    return dataclasses.replace(s, photos=facts, media_url=media)


def fingerprint_of(body: dict[str, Any], files: list[bytes]) -> dict[str, Any]:
    return {**body, "photos": [hashlib.sha256(f).hexdigest() for f in files]}


async def save(
    pool: Pool,
    s: Submission,
    stored: list[tuple[str, photos.Cleaned]],
    key: str | None,
    body: dict[str, Any],
    services: Services,
) -> Answer:
    now = datetime.now(UTC)

    async def work(conn: Any) -> Answer:
        receipt = await commands.submit(conn, s, now, services)
        await portal_store.insert_photos(conn, receipt.id, stored)
        return Answer(201, {"id": receipt.id, "tracking_code": receipt.tracking_code})

    return await idempotency.once(pool, "portal", key, body, work)


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
    posted = await uploads.read(request)
    if posted is None:
        return shown.message(request, 400, "bad_request", "bad_request_text")
    if not csrf.valid(request, posted.entered.one(csrf.FIELD)):
        return shown.message(request, 403, "forbidden", "forbidden_text")
    service = services.get(service_code)
    if service is None:
        return shown.message(request, 404, "not_found", "not_found_text")
    entered = posted.entered
    language = languages.known(entered.one("lang")) or shown.language(request)
    pictures = cleaned_photos(posted.files)
    area = entered.one("area")
    body = forms.body_of(service.code, entered, places.named(known, area) if area else None, language)
    result = forms.checked(body, services, datetime.now(UTC))
    found = [
        *place_problems(entered, known),
        *([pictures] if isinstance(pictures, Problem) else []),
        *(result if isinstance(result, list) else []),
    ]
    idem = entered.one("idem") if forms.KEY_SHAPE.match(entered.one("idem")) else uuid.uuid4().hex
    if found or isinstance(result, list) or isinstance(pictures, Problem):
        measured.reject("web", found)
        problems = forms.localized(found, words_of(shown, language))
        near = await close_by(pool, service, entered, datetime.now(UTC))
        return report_page(
            request,
            shown,
            service,
            entered,
            known,
            problems,
            near=near,
            idem=idem,
            status=422,
            language=language,
        )
    stored = [(str(uuid.uuid4()), p) for p in pictures]
    submission = dataclasses.replace(
        with_photos(result, stored, request.app.state.settings.public_url), area_code=area or None
    )
    answer = await save(pool, submission, stored, idem, fingerprint_of(body, posted.files), services)
    if answer.status != 201:
        measured.rejected.labels("web", "conflict").inc()
        return report_page(
            request,
            shown,
            service,
            entered,
            known,
            {},
            near=[],
            idem=uuid.uuid4().hex,
            status=409,
            language=language,
            conflict=True,
        )
    if not answer.replayed:
        measured.accepted.labels("web", service.code).inc()
    return RedirectResponse(f"/sent/{answer.body['tracking_code']}?lang={language}", status_code=303)


@router.get("/sent/{tracking_code}", response_class=HTMLResponse)
async def sent(request: Request, tracking_code: str, shown: Shown, pool: Pool) -> Response:
    """The confirmation: the tracking code to keep, and the way to the tracking page."""
    code = normal_tracking_code(tracking_code[:40])
    async with pool.acquire() as conn:
        row = await store.request_by(conn, "tracking_code", code)
    if row is None:
        return shown.message(request, 404, "not_found", "not_found_text")
    return shown.render(request, "portal/sent.html", tracking_code=code, track_url=f"/track/{code}")
