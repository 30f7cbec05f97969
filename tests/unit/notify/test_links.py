"""The links in messages: the tracking page and the short link carry the reporter's secret, in
the one format intake serves (`/t/<8 characters>?k=<secret>`)."""

from __future__ import annotations

from notify.links import short_code

from tests.unit.notify.builders import LINKS, NOON_JAKARTA, contact


def test_the_short_link_is_the_code_without_prefix_or_dashes_and_the_secret() -> None:
    assert LINKS.short(contact(link_token="abc_-9")) == "https://dekat.jakarta.go.id/t/7K3M9QXA?k=abc_-9"
    assert short_code("DK-7K3M-9QXA") == "7K3M9QXA"
    assert short_code("dk-7k3m-9qxa") == "7K3M9QXA"


def test_a_secret_with_characters_a_url_cannot_hold_is_escaped() -> None:
    assert LINKS.short(contact(link_token="a/b+c=")).endswith("?k=a%2Fb%2Bc%3D")


def test_the_tracking_page_link_carries_the_secret_and_the_language() -> None:
    link = LINKS.tracking(contact(link_token="s3cret"), "en")

    assert link == "https://dekat.jakarta.go.id/track/DK-7K3M-9QXA?k=s3cret&lang=en"
    assert LINKS.tracking(contact(link_token=None), "id").endswith("/track/DK-7K3M-9QXA?lang=id")


def test_the_preferences_link_opens_notifys_page() -> None:
    assert LINKS.preferences(contact(), NOON_JAKARTA).startswith(
        "https://notify.dekat.jakarta.go.id/preferences/"
    )
