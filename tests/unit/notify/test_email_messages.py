"""What a citizen reads by email: in their language and zone, every fact the change carries,
worded by notify (never routing's English), from templates that cannot drop a value silently."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import jinja2
import pytest
from notify import messages, wording
from notify.changes import TOLD
from notify.messages import Message

from tests.unit.notify.builders import LINKS, NOON_JAKARTA, TOKEN, change, contact, telling

DEADLINE = datetime(2025, 3, 12, 8, 0, tzinfo=UTC)


def email(
    kind: str = "assigned", language: str = "id", timezone: str = "Asia/Jakarta", **facts: Any
) -> Message:
    c = change(kind, 3, **facts)
    return wording.written(
        contact(language=language, timezone=timezone), telling(c), "email", LINKS, NOON_JAKARTA
    )


def test_an_assignment_is_told_in_indonesian_by_default() -> None:
    message = email()

    assert message.subject == "Permintaan DK-7K3M-9QXA ditangani Dinas Bina Marga"
    assert message.body.startswith("Yth. Siti Rahayu,\n")
    assert "kini ditangani oleh Dinas Bina Marga" in message.body


def test_an_assignment_is_told_in_english_to_a_citizen_who_chose_english() -> None:
    message = email(language="en")

    assert message.subject == "Request DK-7K3M-9QXA is handled by Dinas Bina Marga"
    assert message.body.startswith("Dear Siti Rahayu,\n")


def test_a_language_we_do_not_write_falls_back_to_indonesian() -> None:
    assert email(language="fr") == email(language="id")


@pytest.mark.parametrize(
    ("timezone", "indonesian", "english"),
    [
        ("Asia/Jakarta", "Rabu, 12 Maret 2025 pukul 15.00 WIB", "Wednesday 12 March 2025, 15:00 WIB"),
        ("Asia/Makassar", "Rabu, 12 Maret 2025 pukul 16.00 WITA", "Wednesday 12 March 2025, 16:00 WITA"),
        ("Asia/Jayapura", "Rabu, 12 Maret 2025 pukul 17.00 WIT", "Wednesday 12 March 2025, 17:00 WIT"),
    ],
)
def test_a_deadline_is_shown_in_the_citizens_own_zone_with_its_name(
    timezone: str, indonesian: str, english: str
) -> None:
    assert f"Target penyelesaian: {indonesian}." in email(timezone=timezone, deadline=DEADLINE).body
    assert (
        f"Expected to be resolved by: {english}." in email("assigned", "en", timezone, deadline=DEADLINE).body
    )


def test_without_a_deadline_there_is_no_deadline_line() -> None:
    assert "Target penyelesaian" not in email(deadline=None).body
    assert "resolved by" not in email(language="en", deadline=None).body


def test_a_citizen_without_a_name_gets_no_greeting() -> None:
    c = contact(name=None)
    body = wording.written(c, telling(change()), "email", LINKS, NOON_JAKARTA).body

    assert not body.startswith(("Yth.", "Dear", "\n"))


def test_links_to_the_tracking_page_carry_the_reporters_secret_and_the_preferences_page() -> None:
    body = email().body

    assert f"https://dekat.jakarta.go.id/track/DK-7K3M-9QXA?k={TOKEN}&lang=id" in body
    assert "https://notify.dekat.jakarta.go.id/preferences/" in body


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("kind", TOLD)
def test_every_change_told_has_an_email_in_both_languages_even_with_no_facts_at_all(
    kind: str, language: str
) -> None:
    bare = change(kind, 2, agency_name=None)
    message = wording.written(
        contact(language=language, name=None), telling(bare), "email", LINKS, NOON_JAKARTA
    )

    assert "DK-7K3M-9QXA" in message.subject
    assert "None" not in message.subject + message.body
    assert "/preferences/" in message.body
    assert "/track/DK-7K3M-9QXA?k=" in message.body


def test_a_template_naming_a_value_nobody_gives_fails_instead_of_dropping_the_line() -> None:
    with pytest.raises(jinja2.UndefinedError):
        messages.environment().from_string("Tenggat: {{ dedline }}").render(deadline=DEADLINE)


def test_who_helps_and_why_this_agency_are_in_the_assignment() -> None:
    facts: dict[str, Any] = {
        "supporting": ("Palang Merah Indonesia", "Suku Dinas Sosial"),
        "explanation": {"id": ["Lokasi di Kelurahan Menteng"], "en": ["In Kelurahan Menteng"]},
    }
    indonesian, english = email(**facts).body, email(language="en", **facts).body

    assert "Dibantu oleh Palang Merah Indonesia dan Suku Dinas Sosial." in indonesian
    assert "- Lokasi di Kelurahan Menteng" in indonesian
    assert "Supported by Palang Merah Indonesia and Suku Dinas Sosial." in english
    assert "- In Kelurahan Menteng" in english


def test_a_supporting_agencys_update_is_told_in_its_own_words_naming_it() -> None:
    body = email("update", by_agency="Palang Merah Indonesia", note="Relawan sudah di lokasi").body

    assert "dari Palang Merah Indonesia, yang membantu Dinas Bina Marga:" in body
    assert '"Relawan sudah di lokasi"' in body


def test_a_question_gives_the_citizens_answer_deadline_and_the_answer_link() -> None:
    body = email("info_requested", note="Foto lubang dari dekat?", deadline=DEADLINE).body

    assert '"Foto lubang dari dekat?"' in body
    assert "Mohon dijawab paling lambat Rabu, 12 Maret 2025 pukul 15.00 WIB." in body
    assert f"Kirim jawaban Anda melalui https://dekat.jakarta.go.id/track/DK-7K3M-9QXA?k={TOKEN}" in body


def test_a_reminder_asks_again_for_the_answer_by_the_deadline() -> None:
    message = email("reminder", language="en", status="info_requested", deadline=DEADLINE, note="A photo?")

    assert message.subject == "Reminder: Dinas Bina Marga is waiting for your answer (DK-7K3M-9QXA)"
    assert "Please answer by Wednesday 12 March 2025, 15:00 WIB" in message.body


def test_a_request_closed_unanswered_says_the_citizen_may_reopen_it() -> None:
    message = email("closed", status="closed", reason="unanswered")

    assert message.subject == "Permintaan DK-7K3M-9QXA ditutup karena belum dijawab"
    assert "Anda masih dapat membukanya kembali" in message.body


@pytest.mark.parametrize(
    ("reason", "words"),
    [
        ("answered", "Terima kasih atas jawaban Anda."),
        ("withdrawn", "tidak lagi memerlukan informasi yang diminta"),
        ("continued", "tanpa informasi tersebut"),
    ],
)
def test_work_going_on_after_a_question_says_why(reason: str, words: str) -> None:
    assert words in email("in_progress", reason=reason).body


def test_a_rerouting_gives_the_agencys_own_reason_framed_in_the_citizens_language() -> None:
    rejected = change(
        "rejected", 4, status="rejected", agency_name="Dinas Bina Marga", note="Saluran ini milik PAM Jaya"
    )
    rerouted = change("rerouted", 5, agency_name="PAM Jaya")
    t = telling(rerouted, previous=rejected)
    indonesian = wording.written(contact(), t, "email", LINKS, NOON_JAKARTA).body
    english = wording.written(contact(language="en"), t, "email", LINKS, NOON_JAKARTA).body

    said = 'bukan wewenangnya, dengan alasan:\n"Saluran ini milik PAM Jaya"'
    assert f"Dinas Bina Marga menyatakan permintaan Anda (DK-7K3M-9QXA) {said}" in indonesian
    assert "instansi yang lebih tepat: PAM Jaya." in indonesian
    assert "Dinas Bina Marga says your request (DK-7K3M-9QXA) is not theirs to handle, because:" in english
    assert "says this is not theirs" not in indonesian
