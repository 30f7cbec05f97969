"""The citizen's tracking page shows where the request is, in their language, and offers only the
actions its status allows, each form carrying the citizen's link secret."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from dekat.vocabulary import Language
from intake import views
from intake.forms import Entered
from intake.web import ACTIONS

from tests.unit.intake.builders import CATALOGUE
from tests.unit.intake.portal_pages import render

AT = datetime(2026, 11, 30, 2, 0, tzinfo=UTC)


def row(**changes: Any) -> dict[str, Any]:
    return {
        "id": "9b2c", "tracking_code": "DK-7K3M-9QXA", "service_code": "pothole", "channel": "web",
        "privacy": "public", "status": "assigned", "status_seq": 1, "status_notes": None,
        "agency_code": "dinas-bina-marga", "agency_name": "Dinas Bina Marga",
        "expected_at": datetime(2026, 12, 3, 2, 0, tzinfo=UTC), "submitted_at": AT, "updated_at": AT,
        "description": "Lubang di Jl. Menteng Raya", "lat": None, "long": None, "address": None,
        "address_id": None, "zipcode": None, "media_url": None, "attributes": {}, "supporting": [],
        **changes,
    }  # fmt: skip


def entry(seq: int, status: str, **more: Any) -> dict[str, Any]:
    return {"seq": seq, "kind": "status", "status": status, "at": AT, "note": None, **more}


ENTRIES = [entry(0, "received"), entry(1, "assigned", agency_name="Dinas Bina Marga")]


def view(
    language: Language = "id",
    entries: list[dict[str, Any]] = ENTRIES,
    messages: tuple[dict[str, Any], ...] = (),
    **changes: Any,
) -> dict[str, Any]:
    """The owner's view exactly as `views.owner` gives it."""
    return views.owner(row(**changes), entries, list(messages), language)


def page(shown: dict[str, Any], language: Language = "id", k: str | None = "s3cret-k") -> str:
    actions = ACTIONS.get(shown["status"], ())
    return render(
        "portal/track.html",
        language,
        view=shown,
        service=CATALOGUE["pothole"],
        actions=actions if k else (),
        keyless=bool(actions) and not k,
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
    assert "Diteruskan ke Dinas Bina Marga" in shown


def test_an_english_page_has_no_indonesian_words() -> None:
    english = page(view("en"), "en")
    assert "Dinas Bina Marga" in english
    assert "Diteruskan" not in english
    assert "Ditangani oleh" not in english
    assert '<html lang="en">' in english


def test_an_assigned_request_offers_no_feedback_forms() -> None:
    assert "<form" not in page(view())


def test_without_the_reporters_key_the_page_only_reads_and_says_where_the_key_is() -> None:
    shown = page(view(status="resolved"), k=None)
    assert "<form" not in shown
    assert "buka tautan di pesan" in shown


def test_a_resolved_request_can_be_rated_or_contested_with_the_reporters_key() -> None:
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
    said = [entry(2, "info_requested", note="<script>alert(1)</script>", agency_name="Dinas Bina Marga")]
    shown = page(view("en", said, status="info_requested"), "en")
    assert "<script>alert(1)</script>" not in shown
    assert "&lt;script&gt;" in shown


def test_the_citizens_own_words_and_who_helps_are_shown() -> None:
    answer = {"kind": "answer", "text": "Lubangnya di depan No. 12", "rating": None, "at": AT}
    update = entry(3, "in_progress", kind="update", by_agency="Palang Merah Indonesia", note="Tim dikirim")
    shown = page(
        view("id", [*ENTRIES, update], (answer,), status="in_progress", supporting=["Palang Merah Indonesia"])
    )
    assert "Jawaban Anda" in shown
    assert "Lubangnya di depan No. 12" in shown
    assert "Kabar dari Palang Merah Indonesia" in shown
    assert "Dibantu oleh" in shown
