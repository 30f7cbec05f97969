"""SMS lengths as operators pay for them: GSM-7 septets and segments, UCS-2 when it must."""

from __future__ import annotations

from notify.gsm import plain, segments, septets


def test_plain_indonesian_text_is_one_septet_a_character_up_to_160_in_one_segment() -> None:
    assert septets("Permintaan Anda diterima") == 24
    assert segments("x" * 160) == 1
    assert segments("x" * 161) == 2
    assert segments("x" * 306) == 2
    assert segments("x" * 307) == 3


def test_the_extension_characters_count_twice() -> None:
    assert septets("[€]") == 6


def test_a_character_outside_gsm7_makes_the_sms_ucs2_with_shorter_segments() -> None:
    assert septets("“quoted”") is None
    assert segments("“" + "x" * 69) == 1
    assert segments("“" + "x" * 70) == 2


def test_plain_makes_typography_gsm7_and_drops_what_it_cannot_write() -> None:
    assert plain("“Sudah” \u2013 selesai… 🚑 Çé Kōta") == '"Sudah" - selesai...  Çé Kota'
