"""Rendering a service's pages: templates (autoescaped) from the service and the shared look, words in
the visitor's language, static files served with a content hash so browsers may cache them for good."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import ChoiceLoader, Environment, PackageLoader, StrictUndefined, Undefined, select_autoescape

from dekat.vocabulary import Language
from dekat.web import csrf, formats, languages, words
from dekat.web.words import Words

SHARED = "dekat.web"
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


def fingerprints(folders: dict[str, Path]) -> dict[tuple[str, str], str]:
    return {
        (owner, f.name): hashlib.sha256(f.read_bytes()).hexdigest()[:10]
        for owner, folder in folders.items()
        for f in folder.iterdir()
        if f.is_file()
    }


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
    static: dict[tuple[str, str], str] = field(default_factory=dict)
    home_url: str = "/"

    def url_of(self, owner: str, name: str) -> str:
        return f"/static/{owner}/{name}?v={self.static.get((owner, name), '0')}"

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

    def message(self, request: Request, status: int, heading: str, text: str) -> HTMLResponse:
        """A page that only says something: not found, an expired form, unreadable data."""
        language = languages.chosen(request)
        site = self.words[language]["site"]
        return self.render(
            request, "dekat/message.html", status=status, heading=site[heading], message=site[text]
        )


def install(app: FastAPI, package: str, *, strict: bool = False) -> Pages:
    """Serve the shared and the service's static files; the service's `Pages`."""
    folders = {"dekat": static_dir(SHARED), package: static_dir(package)}
    found = {owner: folder for owner, folder in folders.items() if folder is not None}
    for owner, folder in found.items():
        app.mount(f"/static/{owner}", StaticFiles(directory=folder), name=f"static-{owner}")
    return Pages(environment(package, strict=strict), words.load(SHARED, package), fingerprints(found))
