"""The public information centre: `/publik` in Indonesian, `/public` in English, and each agency's
page. No sign-in, no cookie, cacheable; charts drawn on the server as SVG (`charts`, `maps`)."""

from __future__ import annotations

from typing import Any

from dekat import errors
from dekat.vocabulary import Language
from dekat.web import pages
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from intake.area_index import AreaIndex
from intake.catalogue import in_language
from intake.figures.snapshots import Snapshot
from intake.portal import Shown
from intake.public import cache, maps, shown
from intake.public.cache import Current

router = APIRouter(tags=["public information centre"], include_in_schema=False)
HOME: dict[Language, str] = {"id": "/publik", "en": "/public"}
AGENCY: dict[Language, str] = {"id": "/publik/instansi/", "en": "/public/agencies/"}


def render(
    request: Request,
    site: Shown,
    snapshot: Snapshot,
    name: str,
    language: Language,
    other: str,
    **context: Any,
) -> Response:
    """The page, or `304` when the visitor holds this version; never a cookie."""
    tag = cache.etag(snapshot, request)
    if (held := cache.unchanged(request, tag)) is not None:
        return held
    w = site.words[language]["public"]
    base = {**site.context(request, language, None), "switch_url": other, "centre_url": HOME[language]}
    helpers = {
        "number": lambda v, digits=1: shown.number(v, language, digits),
        "percent": lambda counted: shown.percent(counted, language),
        "trust_text": lambda t: shown.trust_text(t, w, language),
        "ikm_text": lambda s: shown.ikm_text(s, w, language),
        "hours_text": lambda v: shown.hours(v, w, language),
        "agency_url": lambda code: AGENCY[language] + code,
        "pw": w,
    }
    html = site.env.get_template(name).render(**base, **helpers, document=snapshot.document, **context)
    return HTMLResponse(html, headers={**pages.HEADERS, **cache.headers(tag)})


def demand_map(index: AreaIndex, document: dict[str, Any]) -> maps.Map | None:
    kelurahan = [a for a in index.current.areas.values() if a.level == "kelurahan"]
    counts = {d["code"]: d["total"] for d in document["demand"] if d["code"]}
    return maps.choropleth(kelurahan, counts)


def overview(request: Request, site: Shown, snapshot: Snapshot, language: Language) -> Response:
    document = snapshot.document
    w = site.words[language]["public"]
    return render(
        request,
        site,
        snapshot,
        "public/overview.html",
        language,
        HOME["en" if language == "id" else "id"],
        trust_chart=shown.trust_bars(document["agencies"], w, language, lambda g: g["name"]),
        demand_map=demand_map(request.app.state.areas, document),
        **namers(document, w, language),
    )


def namers(document: dict[str, Any], w: dict[str, Any], language: Language) -> dict[str, Any]:
    """How each table names its rows."""
    services = {s["code"]: in_language(s["name"], language) or s["code"] for s in document["services"]}
    return {
        "agency_name": lambda g: g["name"],
        "kind_name": lambda g: w["kinds"].get(g["code"], g["code"]),
        "area_name": lambda g: g["name"],
        "service_name": lambda g: services.get(g["code"], g["code"]),
        "service_label": lambda code: services.get(code, code),
    }


def preparing(request: Request, site: Shown, language: Language) -> Response:
    """Until the first figures are computed (moments after intake starts): say so, and when to look again."""
    w = site.words[language]["public"]
    response = site.render(
        request,
        "dekat/message.html",
        status=503,
        lang=language,
        heading=w["preparing"],
        message=w["preparing_text"],
    )
    response.headers.update(errors.retry_after())
    return response


@router.get("/publik", response_class=HTMLResponse)
async def publik(request: Request, site: Shown) -> Response:
    """Pusat informasi publik."""
    snapshot = cache.published_of(request).current
    return overview(request, site, snapshot, "id") if snapshot else preparing(request, site, "id")


@router.get("/public", response_class=HTMLResponse)
async def public(request: Request, site: Shown) -> Response:
    """The public information centre."""
    snapshot = cache.published_of(request).current
    return overview(request, site, snapshot, "en") if snapshot else preparing(request, site, "en")


def agency_page(request: Request, site: Shown, snapshot: Snapshot, code: str, language: Language) -> Response:
    found = next((g for g in snapshot.document["agencies"] if g["code"] == code), None)
    if found is None:
        return site.message(request, 404, "not_found", "not_found_text", lang=language)
    other: Language = "en" if language == "id" else "id"
    return render(
        request,
        site,
        snapshot,
        "public/agency.html",
        language,
        AGENCY[other] + code,
        agency=found,
        weekly=shown.weekly(found),
        elements=site.words[language]["survey"]["elements"],
    )


@router.get("/publik/instansi/{code}", response_class=HTMLResponse)
async def instansi(code: str, request: Request, site: Shown, snapshot: Current) -> Response:
    return agency_page(request, site, snapshot, code, "id")


@router.get("/public/agencies/{code}", response_class=HTMLResponse)
async def agency(code: str, request: Request, site: Shown, snapshot: Current) -> Response:
    return agency_page(request, site, snapshot, code, "en")
