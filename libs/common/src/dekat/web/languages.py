"""Which language a visitor reads: `?lang=` (then remembered), else the cookie, else Indonesian."""

from __future__ import annotations

from fastapi import Request, Response

from dekat.vocabulary import LANGUAGES, Language

COOKIE = "lang"
YEAR = 365 * 24 * 3600


def known(value: str | None) -> Language | None:
    return next((language for language in LANGUAGES if language == value), None)


def chosen(request: Request) -> Language:
    return known(request.query_params.get("lang")) or known(request.cookies.get(COOKIE)) or "id"


def other(language: Language) -> Language:
    return "en" if language == "id" else "id"


def switch_url(request: Request, language: Language) -> str:
    """This page in `language`: the same path and query, with `lang` replaced."""
    query = request.url.include_query_params(lang=language).query
    return f"{request.url.path}?{query}"


def remember(request: Request, response: Response, language: Language) -> None:
    if request.cookies.get(COOKIE) != language:
        response.set_cookie(COOKIE, language, max_age=YEAR, samesite="lax", httponly=True)
