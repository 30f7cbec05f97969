"""The resolved message invites the citizen to the satisfaction survey, by email and by SMS, in
both languages, through the same link that rates and contests."""

from __future__ import annotations

from notify import gsm, wording

from tests.unit.notify.builders import LINKS, NOON_JAKARTA, change, contact, telling
from tests.unit.notify.test_email_messages import email


def test_the_resolved_email_invites_to_the_survey_in_either_language() -> None:
    assert "Isi survei singkat (sembilan pertanyaan, terbuka 7 hari" in email("resolved", "id").body
    assert "Answer the short survey (nine questions, open for 7 days" in email("resolved", "en").body


def test_the_resolved_sms_invites_to_the_survey_and_still_fits_two_segments() -> None:
    for language, words in (
        ("id", "Isi survei, beri nilai atau keberatan:"),
        ("en", "Survey, rating or contest:"),
    ):
        c = change("resolved", 3, note="Lubang sudah ditambal " * 20)
        body = wording.written(
            contact(channels=("sms",), language=language), telling(c), "sms", LINKS, NOON_JAKARTA
        ).body
        assert words in body
        assert gsm.segments(body) <= 2
