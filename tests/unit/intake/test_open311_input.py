from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from intake.open311_format import Open311Error, xml
from intake.open311_input import closed_filter, form, submission, window

NOW = datetime(2026, 5, 4, 3, 0, tzinfo=UTC)


def test_a_spec_form_becomes_a_submission_with_its_attributes_and_citizen() -> None:
    pairs = form(
        b"api_key=k&service_code=missed-waste-pickup&lat=-6.2&long=106.8&description=Belum+diangkut"
        b"&attribute[waste_types][]=organic&attribute[waste_types][]=bulky&email=budi%40example.id"
        b"&first_name=Budi&last_name=Santoso&account_id=42"
    )
    s = submission(pairs, "demo")
    assert (s.channel, s.source, s.lat, s.long) == ("open311", "demo", -6.2, 106.8)
    assert s.answers == {"waste_types": ["organic", "bulky"]}
    assert s.citizen is not None
    assert (s.citizen.name, s.citizen.email, s.citizen.account_id) == (
        "Budi Santoso",
        "budi@example.id",
        "42",
    )


@pytest.mark.parametrize(
    ("body", "named"),
    [
        (b"lat=-6.2", "service_code"),
        (b"service_code=pothole&lat=north&long=1", "lat"),
        (b"service_code=pothole&lat=-6&long=200", "long"),
        (b"service_code=pothole&email=not-an-email", "email"),
        (b"service_code=pothole&media_url=ftp://x", "media_url"),
        (b"service_code=pothole&attribute=size", "attribute"),
    ],
)
def test_a_bad_field_raises_a_400_naming_it(body: bytes, named: str) -> None:
    with pytest.raises(Open311Error) as raised:
        submission(form(body), "demo")
    assert raised.value.status == 400
    assert named in raised.value.description


@pytest.mark.parametrize("body", [b"\xff\xfe", b"a=1&&=&b"])
def test_a_broken_form_body_is_a_400(body: bytes) -> None:
    with pytest.raises(Open311Error):
        form(body)


def test_the_default_window_is_the_last_ninety_days() -> None:
    assert window(None, None, NOW) == (NOW - timedelta(days=90), NOW)


def test_a_window_longer_than_ninety_days_or_upside_down_is_refused() -> None:
    with pytest.raises(Open311Error):
        window("2026-01-01T00:00:00Z", "2026-05-01T00:00:00Z", NOW)
    with pytest.raises(Open311Error):
        window("2026-05-01T00:00:00Z", "2026-04-01T00:00:00Z", NOW)
    with pytest.raises(Open311Error):
        window("2026-05-01", None, NOW)  # no time zone


def test_status_filters_open_closed_or_both() -> None:
    assert (closed_filter("open"), closed_filter("closed"), closed_filter("open,closed")) == (
        False,
        True,
        None,
    )
    with pytest.raises(Open311Error):
        closed_filter("pending")


def test_xml_wraps_list_items_as_the_spec_shows() -> None:
    body = xml("service_requests", [{"service_request_id": "1", "lat": None, "metadata": True}])
    assert body.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    assert (
        b"<service_requests><request><service_request_id>1</service_request_id><lat /><metadata>true" in body
    )
