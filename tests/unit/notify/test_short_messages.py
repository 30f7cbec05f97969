"""SMS and WhatsApp get their own short texts, with the short link; an SMS stays within two
GSM-7 segments whatever the agency wrote, in both languages."""

from __future__ import annotations

import pytest
from notify import gsm, wording
from notify.changes import TOLD

from tests.unit.notify.builders import (
    LINKS,
    LONG_NOTE,
    NOON_JAKARTA,
    TOKEN,
    change,
    contact,
    longest,
    telling,
)

SHORT_LINK = f"https://dekat.jakarta.go.id/t/7K3M9QXA?k={TOKEN}"
SIX_EARLIER = [
    change(k, seq)
    for seq, k in enumerate(
        ["received", "assigned", "acknowledged", "info_requested", "in_progress", "resolved"]
    )
]


def sms(kind: str, language: str, **telling_overrides: object) -> str:
    t = telling(longest(kind), **telling_overrides)
    return wording.written(contact(channels=("sms",), language=language), t, "sms", LINKS, NOON_JAKARTA).body


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("kind", TOLD)
def test_every_sms_fits_two_gsm7_segments_with_the_longest_real_values(kind: str, language: str) -> None:
    body = sms(kind, language, previous=longest("rejected", 4), earlier=SIX_EARLIER)

    assert gsm.septets(body) is not None
    assert gsm.segments(body) <= 2
    assert body.endswith(SHORT_LINK)


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("kind", TOLD)
def test_every_sms_with_ordinary_values_fits_one_or_two_segments_and_names_the_code(
    kind: str, language: str
) -> None:
    c = change(kind, 3, deadline=NOON_JAKARTA, note="Foto lubang dari dekat", reason=None)
    body = wording.written(
        contact(channels=("sms",), language=language), telling(c), "sms", LINKS, NOON_JAKARTA
    ).body

    assert gsm.segments(body) <= 2
    assert "DK-7K3M-9QXA" in body
    assert body.endswith(SHORT_LINK)


def test_an_sms_cuts_the_agencys_long_words_but_keeps_their_start() -> None:
    body = sms("update", "id")

    assert LONG_NOTE[:60] in body
    assert "..." in body
    assert "Palang Merah Indonesia Jakarta Pusat" in body


def test_a_whatsapp_message_is_short_too_but_keeps_the_agencys_words_whole() -> None:
    t = telling(longest("update"))
    body = wording.written(contact(channels=("whatsapp",)), t, "whatsapp", LINKS, NOON_JAKARTA).body

    assert LONG_NOTE in body
    assert body.endswith(SHORT_LINK)
    assert "Yth." not in body


def test_typographic_quotes_and_emoji_in_an_agencys_words_keep_the_sms_in_gsm7() -> None:
    c = change("update", 4, note="“Relawan sudah di lokasi” \u2013 tim kedua menyusul… 🚑")
    body = wording.written(contact(channels=("sms",)), telling(c), "sms", LINKS, NOON_JAKARTA).body

    assert gsm.septets(body) is not None
    assert '"Relawan sudah di lokasi" - tim kedua menyusul...' in body


def test_a_reporter_without_a_link_secret_gets_the_bare_short_link() -> None:
    body = wording.written(
        contact(channels=("sms",), link_token=None), telling(change()), "sms", LINKS, NOON_JAKARTA
    ).body

    assert body.endswith("https://dekat.jakarta.go.id/t/7K3M9QXA")
