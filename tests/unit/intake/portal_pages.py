"""Rendering the portal's templates as a browser would get them, strictly: a missing word fails the test."""

from __future__ import annotations

from typing import Any

from dekat.vocabulary import Language
from dekat.web import pages, words
from starlette.requests import Request

SHOWN = pages.Pages(pages.environment("intake", strict=True), words.load("dekat.web", "intake"))


def visit(path: str = "/", query: str = "") -> Request:
    return Request(
        {"type": "http", "method": "GET", "path": path, "query_string": query.encode(), "headers": []}
    )


def render(name: str, language: Language = "id", **context: Any) -> str:
    return bytes(SHOWN.render(visit(), name, lang=language, **context).body).decode()
