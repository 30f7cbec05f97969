"""A mobile unit re-sending an item: the same content is `existing`, other content a `conflict`."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from intake.bodies import MobileItemIn
from intake.mobile_items import existing, item_fingerprint

WIB = timezone(timedelta(hours=7))
CREATED = datetime(2026, 5, 4, 9, 30, tzinfo=WIB)


def item(created_at: datetime = CREATED, **request: Any) -> MobileItemIn:
    content = {"service_code": "pothole", "description": "Lubang di Jl. Cikini", "lat": -6.19, "long": 106.84}
    return MobileItemIn(client_id="tab-7:0042", created_at=created_at, request={**content, **request})


def stored_from(first: MobileItemIn) -> dict[str, Any]:
    """The row the first upload made, as `store.client_item` reads it back."""
    return {
        "id": "r-1",
        "tracking_code": "DK-AAAA-BBBB",
        "submitted_at": first.created_at,
        "client_fingerprint": item_fingerprint(first),
        **{
            k: first.request.get(k)
            for k in ("service_code", "description", "lat", "long", "address", "area_code")
        },
        "privacy": "public",
    }


def test_the_same_item_sent_again_is_existing_with_the_request_it_made() -> None:
    answer = existing(stored_from(item()), item())
    assert (answer["outcome"], answer["id"], answer["tracking_code"]) == ("existing", "r-1", "DK-AAAA-BBBB")


def test_the_same_moment_written_in_another_time_zone_is_the_same_item() -> None:
    assert item_fingerprint(item(CREATED.astimezone(UTC))) == item_fingerprint(item())


def test_the_same_client_id_with_another_description_is_a_conflict_naming_the_field() -> None:
    answer = existing(stored_from(item()), item(description="Pohon tumbang di Jl. Cikini"))
    assert answer["outcome"] == "conflict"
    (found,) = answer["problems"]
    assert found["field"] == "request.description"
    assert "give a new item its own client_id" in found["message"]


def test_a_different_creation_time_is_a_conflict_on_created_at() -> None:
    answer = existing(stored_from(item()), item(CREATED + timedelta(hours=1)))
    assert answer["problems"][0]["field"] == "created_at"


def test_a_difference_in_a_field_not_compared_one_by_one_is_still_a_conflict() -> None:
    answer = existing(stored_from(item()), item(attributes={"size": "large"}))
    assert (answer["outcome"], answer["problems"][0]["field"]) == ("conflict", "request")


def test_a_request_stored_before_fingerprints_were_kept_answers_existing() -> None:
    old = {**stored_from(item()), "client_fingerprint": None}
    assert existing(old, item(description="anything"))["outcome"] == "existing"
