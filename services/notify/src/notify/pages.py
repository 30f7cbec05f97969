"""The page a reporter's preferences link opens: a form that works without JavaScript, in
Indonesian or English, in the same layout and stylesheet as the portal (`dekat.web.pages`).
The JSON side of the same link is `api`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import parse_qs

from dekat.service import Pool
from dekat.web import languages
from dekat.web.pages import Pages
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from notify import choices, messages, preferences, store
from notify.api import web_of
from notify.choices import Refusal
from notify.contacts import Contact
from notify.preferences import InvalidToken

router = APIRouter(tags=["preferences page"])


def masked(address: str | None) -> str | None:
    """Enough of an address to recognise it, not to read it: `s***@example.id`, `+62 … 5678`."""
    if not address:
        return None
    if "@" in address:
        name, _, domain = address.partition("@")
        return f"{name[:1]}***@{domain}"
    digits = "".join(ch for ch in address if ch.isdigit())
    return f"… {digits[-4:]}"


def channels_shown(contact: Contact, chosen: Sequence[str]) -> list[dict[str, Any]]:
    return [
        {
            "name": c,
            "address": masked(contact.address(c)),
            "first": bool(chosen) and chosen[0] == c,
            "also": c in chosen[1:],
            "opted_out": c in contact.prefs.opted_out,
        }
        for c in preferences.CHANNELS
    ]


def errors_of(refused: Sequence[Refusal], chosen: Sequence[str]) -> dict[str, dict[str, str]]:
    """Each refusal under the field that chose it: `first` or `also`."""
    if not chosen:
        return {"first": {"kind": "choose_one", "channel": ""}}
    return {
        ("first" if r.channel == chosen[0] else "also"): {"kind": "no_address", "channel": r.channel}
        for r in refused
    }


def pages_of(request: Request) -> Pages:
    found: Pages = request.app.state.pages
    return found


def html(request: Request, template: str, status: int = 200, *, lang: str, **values: Any) -> HTMLResponse:
    """`template` in the shared layout, in `lang`; the language switch links back to this page."""
    shown = pages_of(request)
    return shown.render(request, template, status=status, lang=languages.known(lang) or "id", **values)


def page(
    contact: Contact, *, action: str, chosen: Sequence[str] | None = None, **values: Any
) -> dict[str, Any]:
    p = contact.prefs
    zones = {**choices.ZONES, **({} if p.timezone in choices.ZONES else {p.timezone: p.timezone})}
    return {
        "action": action,
        "tracking_code": contact.tracking_code,
        "channels": channels_shown(contact, p.channels if chosen is None else chosen),
        "language": p.language,
        "timezone": p.timezone,
        "zones": zones,
        "errors": {},
        "saved": False,
        **values,
    }


async def reporter(request: Request, pool: Pool, token: str) -> Contact | None:
    web = web_of(request)
    try:
        request_id, reporter_id = preferences.verify(token, now=web.clock(), secret=web.preferences_secret)
    except InvalidToken:
        return None
    async with pool.acquire() as conn:
        return await store.contact(conn, request_id, reporter_id)


def invalid_link(request: Request, lang: str | None) -> HTMLResponse:
    return html(request, "pages/invalid_link.html", 403, lang=messages.written_in(lang or "id"))


@router.get("/preferences/{token}", response_class=HTMLResponse)
async def show(
    token: str, request: Request, pool: Pool, lang: str | None = None, saved: bool = False
) -> Response:
    contact = await reporter(request, pool, token)
    if contact is None:
        return invalid_link(request, lang)
    language = messages.written_in(lang or contact.prefs.language)
    return html(
        request,
        "pages/preferences.html",
        lang=language,
        **page(contact, action=request.url.path, saved=saved),
    )


@router.post("/preferences/{token}", response_class=HTMLResponse)
async def save(token: str, request: Request, pool: Pool) -> Response:
    """Saved: back to the page (303), in the language chosen. Refused: the page again (422),
    each problem beside its field."""
    contact = await reporter(request, pool, token)
    if contact is None:
        return invalid_link(request, None)
    form = parse_qs((await request.body()).decode(errors="replace"))
    chosen, language, timezone = choices.from_form(form)
    refused = choices.refusals(chosen, contact)
    if refused or not chosen:
        lang = messages.written_in(contact.prefs.language)
        errors = errors_of(refused, chosen)
        kept = {
            "language": language or contact.prefs.language,
            "timezone": timezone or contact.prefs.timezone,
        }
        values = page(contact, action=request.url.path, chosen=chosen, errors=errors, **kept)
        return html(request, "pages/preferences.html", 422, lang=lang, **values)
    updated = choices.applied(contact, chosen, language, timezone or contact.prefs.timezone)
    async with pool.acquire() as conn, conn.transaction():
        await store.save_preferences(conn, contact.request_id, contact.reporter, updated)
    return RedirectResponse(f"{request.url.path}?saved=true&lang={updated.language}", status_code=303)
