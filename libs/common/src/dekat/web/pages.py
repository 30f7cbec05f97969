"""Rendering a service's pages: templates (autoescaped) from the service and the shared look, words in
the visitor's language, static files served with a content hash so browsers may cache them for good."""

from __future__ import annotations

import hashlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import ChoiceLoader, Environment, PackageLoader, StrictUndefined, Undefined, select_autoescape

from dekat.vocabulary import Language
from dekat.web import csrf, formats, languages, words
from dekat.web.words import Words

SHARED = "dekat.web"
YEAR = 365 * 24 * 3600
MEDIA_TYPES = {
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".svg": "image/svg+xml",
}
HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data: blob:; object-src 'none'; base-uri 'none';"
        " form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}
"""Every page: our own scripts and styles only; links that carry a secret never leak by Referer."""


def static_dir(package: str) -> Path | None:
    folder = Path(str(resources.files(package))) / "static"
    return folder if folder.is_dir() else None


@dataclass(frozen=True)
class Asset:
    data: bytes
    media_type: str
    version: str
    """The start of the content's SHA-256: a page links `?v=<version>`, so a browser may keep it for good."""


def assets(folders: dict[str, Path]) -> dict[tuple[str, str], Asset]:
    """Every static file, read once: they are a few kilobytes."""
    return {
        (owner, f.name): Asset(
            f.read_bytes(),
            MEDIA_TYPES.get(f.suffix, "application/octet-stream"),
            hashlib.sha256(f.read_bytes()).hexdigest()[:10],
        )
        for owner, folder in folders.items()
        for f in sorted(folder.iterdir())
        if f.is_file()
    }


def serve(found: dict[tuple[str, str], Asset]) -> Callable[[str, str], Awaitable[Response]]:
    async def static_file(owner: str, name: str) -> Response:
        asset = found.get((owner, name))
        if asset is None:
            return Response(status_code=404)
        cache = f"public, max-age={YEAR}, immutable"
        return Response(asset.data, media_type=asset.media_type, headers={"Cache-Control": cache})

    return static_file


def environment(package: str, *, strict: bool = False) -> Environment:
    """The service's templates first, then the shared ones; autoescaped; strict in tests."""
    loader = ChoiceLoader([PackageLoader(package, "templates"), PackageLoader(SHARED, "templates")])
    return Environment(
        loader=loader,
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined if strict else Undefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@dataclass
class Pages:
    env: Environment
    words: dict[Language, Words]
    static: dict[tuple[str, str], Asset] = field(default_factory=dict)
    home_url: str = "/"

    def language(self, request: Request) -> Language:
        """The visitor's language: a form's `lang` field is passed to `render` instead."""
        return languages.chosen(request)

    def url_of(self, owner: str, name: str) -> str:
        asset = self.static.get((owner, name))
        return f"/static/{owner}/{name}?v={asset.version if asset else '0'}"

    def context(self, request: Request, language: Language, page_url: str | None) -> dict[str, Any]:
        other = languages.other(language)
        switch = f"{page_url}?lang={other}" if page_url else languages.switch_url(request, other)
        return {
            "lang": language,
            "other_lang": other,
            "switch_url": switch,
            "w": self.words[language],
            "csrf": csrf.token(request),
            "static": self.url_of,
            "home_url": self.home_url,
            "when": lambda at: formats.when(at, language),
            "day": lambda at: formats.day(at, language),
            "hours": lambda n: formats.hours(n, language),
            "in_lang": lambda text: formats.in_language(text, language),
        }

    def render(
        self,
        request: Request,
        name: str,
        *,
        status: int = 200,
        lang: Language | None = None,
        page_url: str | None = None,
        **context: Any,
    ) -> HTMLResponse:
        """`name` rendered in the visitor's language (or `lang`); `page_url`: what the switch links to."""
        language = lang or languages.chosen(request)
        html = self.env.get_template(name).render(**self.context(request, language, page_url), **context)
        response = HTMLResponse(html, status_code=status, headers=HEADERS)
        csrf.keep(request, response)
        languages.remember(request, response, language)
        return response

    def error_page(self, request: Request, status: int, headers: dict[str, str]) -> HTMLResponse | None:
        """What a browser on one of our pages sees when it is not found or an outage answers 503:
        a page in its language (with the same `Retry-After`), not the API's JSON. None for the API."""
        said = ERROR_PAGES.get(status)
        if said is None or not is_page(request):
            return None
        page = self.message(request, status, *said)
        page.headers.update({k: v for k, v in headers.items() if k.lower() == "retry-after"})
        return page

    def message(
        self, request: Request, status: int, heading: str, text: str, *, lang: Language | None = None
    ) -> HTMLResponse:
        """A page that only says something: not found, an expired form, unreadable data. In the
        visitor's language, or `lang` where the address itself has one (`/public/...`)."""
        language = lang or languages.chosen(request)
        site = self.words[language]["site"]
        return self.render(
            request,
            "dekat/message.html",
            status=status,
            lang=language,
            heading=site[heading],
            message=site[text],
        )


ERROR_PAGES = {404: ("not_found", "not_found_text"), 503: ("unavailable", "unavailable_text")}
"""The failures a visitor of a page is told about in words (the site's), by status."""

API_PREFIXES = ("/v1/", "/open311/", "/open-data/", "/metrics", "/health/")


def is_page(request: Request) -> bool:
    """A request for one of the HTML pages, outside the APIs: its route answers HTML, or a browser
    asked for HTML (a console page, a form posted, an address that does not exist)."""
    if request.url.path.startswith(API_PREFIXES):
        return False
    answers = getattr(request.scope.get("route"), "response_class", None)
    answers = getattr(answers, "value", answers)  # FastAPI wraps its default in a `DefaultPlaceholder`
    if isinstance(answers, type) and issubclass(answers, HTMLResponse):
        return True
    return "text/html" in request.headers.get("accept", "")


def install(app: FastAPI, package: str, *, strict: bool = False) -> Pages:
    """Serve the shared and the service's static files (from memory); the service's `Pages`."""
    folders = {"dekat": static_dir(SHARED), package: static_dir(package)}
    found = {owner: folder for owner, folder in folders.items() if folder is not None}
    files = assets(found)
    app.add_api_route("/static/{owner}/{name}", serve(files), methods=["GET"], include_in_schema=False)
    shown = Pages(environment(package, strict=strict), words.load(SHARED, package), files)
    app.state.error_page = shown.error_page  # `dekat.errors` answers pages' 404 and 503 with it
    return shown
