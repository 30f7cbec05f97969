"""The citizen's tracking page shows where the request is and offers only the actions its status allows."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from intake.pages import tracking_page


def view(**changes: Any) -> dict[str, Any]:
    at = datetime(2026, 11, 30, 2, 0, tzinfo=UTC)
    return {
        "tracking_code": "DK-7K3M-9QXA",
        "status": "assigned",
        "agency_name": "Dinas Bina Marga",
        "expected_at": datetime(2026, 12, 3, 2, 0, tzinfo=UTC),
        "timeline": [
            {"seq": 0, "status": "received", "note": None, "at": at, "text": "Diterima"},
            {
                "seq": 1,
                "status": "assigned",
                "note": None,
                "at": at,
                "text": "Diteruskan ke Dinas Bina Marga",
            },
        ],
        **changes,
    }


def test_the_page_says_who_handles_it_and_by_when_in_jakarta_time() -> None:
    page = tracking_page(view(), "id")
    assert "DK-7K3M-9QXA" in page
    assert "Dinas Bina Marga" in page
    assert "03-12-2026 09:00 WIB" in page
    assert "Diteruskan ke Dinas Bina Marga" in page


def test_an_assigned_request_offers_no_feedback_forms() -> None:
    assert "<form" not in tracking_page(view(), "en", "key-1")


def test_without_the_reporters_key_the_page_only_reads() -> None:
    assert "<form" not in tracking_page(view(status="resolved"), "en")


def test_a_resolved_request_can_be_rated_or_contested() -> None:
    page = tracking_page(view(status="resolved"), "en", "key-1")
    assert "/v1/requests/by-code/DK-7K3M-9QXA/rating" in page
    assert "/v1/requests/by-code/DK-7K3M-9QXA/reopen" in page
    assert "/info" not in page


def test_an_information_request_can_be_answered() -> None:
    page = tracking_page(view(status="info_requested"), "en", "key-1")
    assert "/v1/requests/by-code/DK-7K3M-9QXA/info?k=key-1" in page
    assert "/rating" not in page


def test_what_the_agency_wrote_is_escaped() -> None:
    steps = [
        {"seq": 2, "status": "info_requested", "note": "<script>alert(1)</script>", "at": None, "text": "x"}
    ]
    page = tracking_page(view(status="info_requested", timeline=steps), "en", "key-1")
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page
