"""The citizen's tracking page shows where the request is, in their language, and offers only the
actions its status allows, each form carrying the citizen's link secret."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from dekat.vocabulary import Language
from intake.forms import Entered
from intake.web import ACTIONS

from tests.unit.intake.builders import CATALOGUE
from tests.unit.intake.portal_pages import render

AT = datetime(2026, 11, 30, 2, 0, tzinfo=UTC)


def view(**changes: Any) -> dict[str, Any]:
    return {
        "tracking_code": "DK-7K3M-9QXA",
        "service_code": "pothole",
        "status": "assigned",
        "agency_name": "Dinas Bina Marga",
        "expected_at": datetime(2026, 12, 3, 2, 0, tzinfo=UTC),
        "description": "Lubang di Jl. Menteng Raya",
        "timeline": [
            {"seq": 0, "status": "received", "note": None, "at": AT},
            {"seq": 1, "status": "assigned", "note": "assigned to Dinas Bina Marga", "at": AT},
        ],
        **changes,
    }


def page(shown: dict[str, Any], language: Language = "id", k: str | None = "s3cret-k") -> str:
    return render(
        "portal/track.html",
        language,
        view=shown,
        service=CATALOGUE["pothole"],
        actions=ACTIONS.get(shown["status"], ()),
        k=k,
        idem="a" * 32,
        sent=False,
        problems={},
        entered=Entered(),
        failed=None,
    )


def test_the_page_says_who_handles_it_and_by_when_in_jakarta_time() -> None:
    shown = page(view())
    assert "DK-7K3M-9QXA" in shown
    assert "Dinas Bina Marga" in shown
    assert "3 Desember 2026, 09.00 WIB" in shown
    assert "Diteruskan ke instansi" in shown


def test_an_indonesian_page_has_no_english_note_and_an_english_page_no_indonesian_words() -> None:
    assert "assigned to" not in page(view(), "id")
    english = page(view(), "en")
    assert "Passed to an agency" in english
    assert "Diteruskan" not in english
    assert '<html lang="en">' in english


def test_an_assigned_request_offers_no_feedback_forms() -> None:
    assert "<form" not in page(view())


def test_a_resolved_request_can_be_rated_or_contested_with_the_citizens_secret() -> None:
    shown = page(view(status="resolved"))
    assert 'action="/track/DK-7K3M-9QXA/rating"' in shown
    assert 'action="/track/DK-7K3M-9QXA/reopen"' in shown
    assert shown.count('name="k" value="s3cret-k"') == 2
    assert shown.count('name="csrf"') == 2
    assert "/info" not in shown


def test_an_information_request_can_be_answered() -> None:
    shown = page(view(status="info_requested"))
    assert 'action="/track/DK-7K3M-9QXA/info"' in shown
    assert "/rating" not in shown


def test_what_the_agency_wrote_is_escaped() -> None:
    steps = [{"seq": 2, "status": "info_requested", "note": "<script>alert(1)</script>", "at": AT}]
    shown = page(view(status="info_requested", timeline=steps), "en")
    assert "<script>alert(1)</script>" not in shown
    assert "&lt;script&gt;" in shown


def test_a_richer_timeline_with_more_keys_still_renders_the_citizens_own_words() -> None:
    steps = [
        {"seq": 3, "status": "info_requested", "kind": "citizen_message", "actor": "citizen",
         "text": "Lubangnya di depan No. 12", "at": AT, "channel": "web", "reporter_id": None},
        {"seq": 4, "status": "in_progress", "kind": "partner_update", "actor": "PMI", "note": "Tim dikirim",
         "at": AT},
    ]  # fmt: skip
    shown = page(view(status="in_progress", timeline=steps))
    assert "Anda menulis" in shown
    assert "Lubangnya di depan No. 12" in shown
    assert "Kabar dari instansi pendukung" in shown
    assert "PMI" in shown
