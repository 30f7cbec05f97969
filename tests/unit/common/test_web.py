"""The shared web base: the same words in both languages, escaped pages, dates as people read them."""

from __future__ import annotations

from datetime import UTC, datetime

from dekat.web import csrf, formats, languages, pages, words
from fastapi import FastAPI, Request
from fastapi.testclient import TestClient


def test_indonesian_and_english_say_the_same_things() -> None:
    shared = words.load("dekat.web")
    assert words.keys(shared["id"]) == words.keys(shared["en"])


def test_a_service_word_overrides_a_shared_one_table_by_table() -> None:
    base = {"site": {"name": "Dekat", "tagline": "a"}}
    assert words.merged(base, {"site": {"tagline": "b"}}) == {"site": {"name": "Dekat", "tagline": "b"}}


def test_times_are_shown_in_jakarta_time_in_the_readers_language() -> None:
    at = datetime(2026, 12, 3, 2, 0, tzinfo=UTC)
    assert formats.when(at, "id") == "3 Desember 2026, 09.00 WIB"
    assert formats.when(at, "en") == "3 December 2026, 09:00 WIB"
    assert formats.hours(72, "id") == "3 hari"
    assert formats.hours(1, "en") == "1 hour"


def page_app() -> FastAPI:
    app = FastAPI()
    shown = pages.install(app, "dekat.web", strict=True)

    @app.get("/")
    async def home(request: Request) -> object:
        return shown.render(request, "dekat/message.html", heading="<b>Hi</b>", message="x")

    @app.post("/form")
    async def form(request: Request) -> dict[str, bool]:
        return {"valid": csrf.valid(request, (await request.form()).get(csrf.FIELD))}

    return app


def test_a_page_is_indonesian_first_and_english_is_remembered() -> None:
    client = TestClient(page_app())
    first = client.get("/")
    assert '<html lang="id">' in first.text
    assert 'href="/?lang=en"' in first.text
    assert "&lt;b&gt;Hi&lt;/b&gt;" in first.text
    english = client.get("/?lang=en")
    assert '<html lang="en">' in english.text
    assert client.cookies.get(languages.COOKIE) == "en"
    assert '<html lang="en">' in client.get("/").text


def test_the_stylesheet_is_served_under_its_content_hash() -> None:
    client = TestClient(page_app())
    page = client.get("/").text
    href = page.split('rel="stylesheet" href="')[1].split('"')[0]
    assert href.startswith("/static/dekat/dekat.css?v=")
    assert ":focus-visible" in client.get(href).text


def test_a_form_posts_only_with_the_token_its_cookie_holds() -> None:
    client = TestClient(page_app())
    client.get("/")
    token = client.cookies.get(csrf.COOKIE)
    assert token
    assert client.post("/form", data={"csrf": token}).json() == {"valid": True}
    assert client.post("/form", data={"csrf": "x" * 43}).json() == {"valid": False}
    assert client.post("/form", data={}).json() == {"valid": False}
