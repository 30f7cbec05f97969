from __future__ import annotations

from datetime import UTC, datetime

import pytest
from notify.changes import KINDS
from notify.messages import Message, render

REQUEST_ID = "0b6c8f4e-2a51-4c1e-9d43-5f7e2b8a6c10"


def assigned(language: str = "id", **overrides: str | datetime | None) -> Message:
    context: dict[str, str | datetime | None] = {
        "name": "Siti Rahayu",
        "tracking_code": "DK-7K3M-9QXA",
        "agency_name": "Dinas Bina Marga",
        "deadline": datetime(2025, 3, 12, 8, 0, tzinfo=UTC),
        "status_url": f"http://127.0.0.1:8001/v1/requests/{REQUEST_ID}",
    }
    context.update(overrides)
    return render("assigned", language, context)


def test_assigned_message_is_in_indonesian_by_default() -> None:
    message = assigned()

    assert "ditangani" in message.subject
    assert "Yth. Siti Rahayu," in message.body
    assert "kini ditangani oleh Dinas Bina Marga" in message.body


def test_assigned_message_is_in_english_when_the_citizen_chose_english() -> None:
    message = assigned("en")

    assert "handled by" in message.subject
    assert "Dear Siti Rahayu," in message.body


def test_a_language_we_do_not_write_falls_back_to_indonesian() -> None:
    assert assigned("fr") == assigned("id")


def test_assigned_message_gives_tracking_code_agency_and_status_link() -> None:
    for language in ("id", "en"):
        message = assigned(language)

        assert "DK-7K3M-9QXA" in message.subject
        assert "Dinas Bina Marga" in message.subject
        assert "DK-7K3M-9QXA" in message.body
        assert "Dinas Bina Marga" in message.body
        assert f"http://127.0.0.1:8001/v1/requests/{REQUEST_ID}" in message.body


def test_a_citizen_without_a_name_gets_no_greeting_line_and_no_placeholder() -> None:
    for language in ("id", "en"):
        message = assigned(language, name=None)

        assert "$" not in message.body
        assert not message.body.startswith(("Yth.", "Dear"))
        assert "DK-7K3M-9QXA" in message.body


def test_deadline_is_shown_in_jakarta_time_in_the_citizens_language() -> None:
    assert "12 Maret 2025 pukul 15.00 WIB" in assigned("id").body
    assert "12 March 2025, 15:00 WIB" in assigned("en").body


def test_without_a_deadline_the_deadline_line_is_left_out() -> None:
    assert "Target penyelesaian" not in assigned("id", deadline=None).body
    assert "resolved by" not in assigned("en", deadline=None).body


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("language", ["id", "en"])
def test_every_kind_has_a_template_in_both_languages_with_code_and_links(kind: str, language: str) -> None:
    context: dict[str, str | datetime | None] = {
        "tracking_code": "DK-7K3M-9QXA",
        "agency_name": "Dinas Bina Marga",
        "note": "Foto lubang dari dekat",
        "deadline": datetime(2025, 3, 12, 8, 0, tzinfo=UTC),
        "status_url": "http://status",
        "feedback_url": "http://feedback",
        "preferences_url": "http://preferences",
    }
    message = render(kind, language, context)

    assert "DK-7K3M-9QXA" in message.subject
    assert "$" not in message.subject + message.body
    assert "http://preferences" in message.body
    assert ("http://status" in message.body) or ("http://feedback" in message.body)


@pytest.mark.parametrize("kind", ["info_requested", "resolved"])
def test_info_requests_and_resolutions_carry_the_agencys_note_and_the_answer_link(kind: str) -> None:
    context: dict[str, str | datetime | None] = {
        "tracking_code": "DK-7K3M-9QXA",
        "agency_name": "Dinas Bina Marga",
        "note": "Foto lubang dari dekat",
        "feedback_url": "http://feedback",
        "status_url": "http://status",
    }
    for language in ("id", "en"):
        body = render(kind, language, context).body
        assert "Foto lubang dari dekat" in body
        assert "http://feedback" in body
