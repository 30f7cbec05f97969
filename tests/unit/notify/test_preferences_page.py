"""The preferences page: a plain form in the citizen's language, every field labelled, a channel
without an address refused beside its field."""

from __future__ import annotations

from typing import Any

from dekat.web import pages as web_pages
from fastapi import FastAPI
from notify import choices, pages
from notify.contacts import Contact
from starlette.requests import Request

from tests.unit.notify.builders import contact

ACTION = "/preferences/token"


def visit(path: str = ACTION) -> Request:
    app = FastAPI()
    app.state.pages = web_pages.install(app, "notify", strict=True)
    app.state.pages.home_url = "http://portal.test/"
    return Request(
        {"type": "http", "method": "GET", "path": path, "query_string": b"", "headers": [], "app": app}
    )


def rendered(who: Contact | None = None, lang: str = "id", **values: Any) -> str:
    c = who or contact(channels=("sms", "email"))
    response = pages.html(
        visit(), "pages/preferences.html", lang=lang, **pages.page(c, action=ACTION, **values)
    )
    return bytes(response.body).decode()


def test_the_page_has_the_portals_header_stylesheet_and_language_switch() -> None:
    page = rendered(lang="en")

    assert '<link rel="stylesheet" href="/static/dekat/dekat.css?v=' in page
    assert '<a class="brand" href="http://portal.test/">Dekat' in page
    assert f'href="{ACTION}?lang=id" hreflang="id"' in page
    assert "<title>How we contact you — Dekat</title>" in page


def test_the_page_is_a_form_that_posts_to_itself_without_javascript() -> None:
    page = rendered()

    assert f'<form method="post" action="{ACTION}">' in page
    assert "<script" not in page
    assert '<html lang="id">' in page
    assert '<input type="radio" name="first" value="sms" checked>' in page
    assert '<input type="checkbox" name="also" value="email" checked>' in page


def test_every_group_of_choices_has_a_legend_and_the_zone_its_label() -> None:
    page = rendered(lang="en")

    assert "<legend>Send news by</legend>" in page
    assert "<legend>If that fails, also try</legend>" in page
    assert '<label for="timezone">Time zone for deadlines</label>' in page


def test_addresses_are_shown_masked() -> None:
    page = rendered()

    assert "s***@example.id" in page
    assert "\u2026 5678" in page
    assert "1234 5678" not in page


def test_a_channel_without_an_address_is_refused_beside_its_field_in_the_citizens_language() -> None:
    c = contact(phone=None)
    refused = choices.refusals(["sms", "email"], c)
    page = rendered(who=c, chosen=["sms", "email"], errors=pages.errors_of(refused, ["sms", "email"]))

    assert [r.field for r in refused] == ["channels"]
    assert 'aria-describedby="first-error" aria-invalid="true"' in page
    assert '<p class="error" id="first-error">Kami tidak punya nomor telepon Anda' in page
    assert 'role="alert"' in page


def test_what_the_page_shows_is_escaped() -> None:
    assert "<b>" not in rendered(who=contact(tracking_code="<b>DK</b>"))


def test_the_form_gives_channels_in_order_the_first_then_the_others() -> None:
    form = {
        "first": ["whatsapp"],
        "also": ["email", "whatsapp", "fax"],
        "language": ["en"],
        "timezone": ["Asia/Jayapura"],
    }

    assert choices.from_form(form) == (["whatsapp", "email"], "en", "Asia/Jayapura")


def test_choosing_a_channel_again_undoes_opting_out_of_it() -> None:
    c = contact(opted_out=frozenset({"sms", "whatsapp"}))

    assert choices.applied(c, ["sms"], "id", "Asia/Jakarta").opted_out == frozenset({"whatsapp"})
