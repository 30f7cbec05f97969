"""The public information centre renders strictly in both languages, cacheable and cookie-free,
with its charts inline and the method explained."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from dekat.vocabulary import Language
from fastapi import FastAPI
from intake.area_index import AreaIndex
from intake.figures import document
from intake.figures.document import Counted, Names
from intake.figures.snapshots import Snapshot, etag_of
from intake.public import pages
from starlette.requests import Request

from tests.unit.intake.builders import DEMO_NETWORK
from tests.unit.intake.portal_pages import SHOWN
from tests.unit.intake.test_public_figures import counted_for

AS_OF = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def snapshot() -> Snapshot:
    found = {
        ("agency", "pam-jaya", "all"): counted_for(35),
        ("agency", "pln-jakarta", "all"): counted_for(2),
        ("kecamatan", "kec-menteng", "all"): counted_for(35),
        ("service", "pothole", "all"): counted_for(35),
    }
    counted = Counted(
        found, {}, {}, {("agency", "pam-jaya"): 4}, [("kel-menteng", "kec-menteng", "pothole", "2026-11", 8)]
    )
    names = Names(
        agencies={"pam-jaya": ("PAM Jaya", "utility"), "pln-jakarta": ("PLN Jakarta", "utility")},
        services={"pothole": {"id": "Jalan berlubang", "en": "Pothole"}},
        areas={code: a.name for code, a in DEMO_NETWORK.areas.items()},
        kecamatan=("kec-menteng",),
    )
    shown = document.document(counted, names, AS_OF)
    return Snapshot(1, AS_OF, 1, etag_of(shown), shown)


def visit(path: str, headers: list[tuple[bytes, bytes]] | None = None) -> Request:
    app = FastAPI()
    index = AreaIndex()
    index.current = DEMO_NETWORK
    app.state.areas = index
    scope = {
        "type": "http",
        "method": "GET",
        "path": path,
        "query_string": b"",
        "headers": headers or [],
        "app": app,
    }
    return Request(scope)


def html(response: Any) -> str:
    return bytes(response.body).decode()


def test_the_indonesian_page_shows_each_agencys_trust_with_its_band_and_who_has_too_few_answers() -> None:
    response = pages.overview(visit("/publik"), SHOWN, snapshot(), "id")
    shown = html(response)
    assert 'lang="id"' in shown
    assert "Pusat informasi publik" in shown
    assert '<text x="0" y="11" class="label name">PAM Jaya</text>' in shown
    assert '<text x="0" y="40" class="label">90,0 (' in shown
    assert '<text x="0" y="40" class="label">belum cukup data: 2 dari 30 jawaban</text>' in shown
    assert "<svg" in shown
    assert 'class="shade-4"' in shown
    assert "http" not in shown.split("<svg", 1)[1].split("</svg>")[0]
    assert 'href="/public"' in shown
    assert "Jalan berlubang" in shown
    assert "Menteng" in shown


def test_the_english_page_explains_the_formula_and_links_the_snapshots() -> None:
    shown = html(pages.overview(visit("/public"), SHOWN, snapshot(), "en"))
    assert "Public information centre" in shown
    assert "Satisfaction" in shown
    assert "40 %" in shown
    assert "Below 30 survey respondents there is no score" in shown
    assert "/v1/public/snapshots" in shown
    assert 'href="/publik"' in shown


def test_a_page_is_cacheable_sets_no_cookie_and_answers_304_to_the_same_etag() -> None:
    response = pages.overview(visit("/publik"), SHOWN, snapshot(), "id")
    assert response.headers["cache-control"] == "public, max-age=60"
    assert "set-cookie" not in response.headers
    tag = response.headers["etag"].encode()
    again = pages.overview(visit("/publik", [(b"if-none-match", tag)]), SHOWN, snapshot(), "id")
    assert again.status_code == 304


def test_an_agencys_page_has_its_elements_and_its_weekly_trend() -> None:
    for language, path in (("id", "/publik/instansi/pam-jaya"), ("en", "/public/agencies/pam-jaya")):
        lang: Language = language  # type: ignore[assignment]
        shown = html(pages.agency_page(visit(path), SHOWN, snapshot(), "pam-jaya", lang))
        assert "PAM Jaya" in shown
        assert "U9." in shown
        assert "/v1/public/agencies/pam-jaya" in shown
    assert pages.agency_page(visit("/publik/instansi/x"), SHOWN, snapshot(), "x", "id").status_code == 404


def test_an_unknown_agency_is_not_found_in_the_language_of_its_address() -> None:
    for language, path, heading in (
        ("id", "/publik/instansi/x", "Halaman tidak ditemukan"),
        ("en", "/public/agencies/x", "Page not found"),
    ):
        lang: Language = language  # type: ignore[assignment]
        response = pages.agency_page(visit(path), SHOWN, snapshot(), "x", lang)
        assert response.status_code == 404
        assert f'lang="{language}"' in html(response)
        assert heading in html(response)
