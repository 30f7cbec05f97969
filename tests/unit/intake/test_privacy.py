"""What each audience may see: routing, notify, the public, the holder of the tracking code."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from dekat.payloads import CitizenContact, RequestSubmitted
from intake import views
from intake.reporters import new_reporter
from intake.requests import contact_event, submitted_event
from intake.submissions import Identity, accept

from tests.unit.intake.builders import CATALOGUE, NOW, citizen, submission


def request(**changes: Any) -> Any:
    return accept(submission(**changes), Identity("r-1", "DK-AAAA-BBBB", "tok"), NOW, CATALOGUE)


def test_a_consenting_public_citizen_is_shared_with_the_agency() -> None:
    person = citizen(consent_share=True)
    shared = submitted_event(request(citizen=person), person).payload(RequestSubmitted).shared_identity
    assert shared is not None
    assert shared.name == "Dewi"


def test_no_identity_reaches_routing_without_consent_or_from_a_confidential_request() -> None:
    for r, person in [
        (request(), citizen()),
        (request(privacy="confidential"), citizen(consent_share=True)),
    ]:
        event = submitted_event(r, person)
        assert event.payload(RequestSubmitted).shared_identity is None
        assert b"dewi@example.id" not in event.to_bytes()


REPORTER = new_reporter("r-1", "submitter", NOW)


def contact_of(r: Any, person: Any) -> CitizenContact:
    return contact_event(r, person, submitted_event(r, person), REPORTER).payload(CitizenContact)


def test_notify_learns_the_submitters_own_key_for_the_links_in_their_messages() -> None:
    contact = contact_of(request(), citizen())

    assert (contact.reporter_id, contact.link_token) == (None, REPORTER.link_token)


def test_notify_learns_channels_in_the_citizens_order_with_language_zone_privacy_and_time() -> None:
    person = citizen(channels=("whatsapp", "email"), language="en", timezone="Asia/Makassar")
    contact = contact_of(request(privacy="confidential"), person)
    assert contact.channels == ["whatsapp", "email"]
    assert (contact.language, contact.timezone, contact.privacy) == ("en", "Asia/Makassar", "confidential")
    assert contact.submitted_at == NOW


def test_without_a_stated_preference_email_comes_before_sms() -> None:
    assert contact_of(request(), citizen()).channels == ["email", "sms"]


def test_the_contact_shares_the_submissions_correlation_id() -> None:
    r, person = request(), citizen()
    submitted = submitted_event(r, person)
    contact = contact_event(r, person, submitted, REPORTER)
    assert contact.correlation_id == submitted.correlation_id
    assert contact.causation_id == submitted.id


def row(**changes: Any) -> dict[str, Any]:
    at = datetime(2026, 5, 4, 3, 0, tzinfo=UTC)
    base = {
        "id": "r-1",
        "tracking_code": "DK-AAAA-BBBB",
        "service_code": "pothole",
        "description": "Lubang di depan rumah Bu Dewi, Jl. Melati 3",
        "lat": -6.2,
        "long": 106.8,
        "address": "Jl. Melati 3",
        "address_id": None,
        "zipcode": "10310",
        "media_url": None,
        "attributes": {},
        "channel": "web",
        "source": None,
        "privacy": "public",
        "status": "resolved",
        "status_seq": 4,
        "status_notes": "Sudah ditambal",
        "agency_code": "dinas-bina-marga",
        "agency_name": "Dinas Bina Marga",
        "expected_at": at,
        "submitted_at": at,
        "received_at": at,
        "updated_at": at,
    }
    return {**base, **changes}


def test_a_confidential_request_shows_the_public_neither_what_it_says_nor_where() -> None:
    for shown in (
        views.public(row(privacy="confidential"), []),
        views.open311(row(privacy="confidential"), None, "id"),
    ):
        text = repr(shown)
        assert "Melati" not in text
        assert "-6.2" not in text


def test_the_public_never_sees_the_tracking_code_but_its_holder_does() -> None:
    assert "DK-AAAA-BBBB" not in repr(views.public(row(), []))
    assert views.owner(row(privacy="confidential"), [], [])["description"].startswith("Lubang")


def test_open311_sees_a_resolved_request_as_closed_with_the_spec_field_names() -> None:
    shown = views.open311(row(), None, "en")
    assert shown["status"] == "closed"
    assert shown["agency_responsible"] == "Dinas Bina Marga"
    assert shown["requested_datetime"] == "2026-05-04T03:00:00+00:00"
    assert set(shown) >= {"service_request_id", "status_notes", "expected_datetime", "zipcode", "media_url"}


TYPED = "Lubang besar, hubungi saya 0812-3456-7890 atau dewi@example.id"


def test_contact_details_typed_into_the_description_never_reach_routing_without_consent() -> None:
    for r, person in [
        (request(description=TYPED), citizen()),
        (request(description=TYPED, privacy="confidential"), citizen(consent_share=True)),
        (request(description=TYPED, privacy="anonymous"), None),
    ]:
        sent = submitted_event(r, person).payload(RequestSubmitted)
        assert sent.description == "Lubang besar, hubungi saya 0•••-••••-•••• atau •••@•••"


def test_a_consenting_public_citizen_lets_the_agency_read_the_description_as_typed() -> None:
    person = citizen(consent_share=True)
    sent = submitted_event(request(description=TYPED, citizen=person), person).payload(RequestSubmitted)
    assert sent.description == TYPED


def stored_row(**changes: Any) -> dict[str, Any]:
    row = dict.fromkeys(views.PUBLIC) | {"tracking_code": "DK-AAAA-BBBB", "privacy": "public"}
    return row | {"description": TYPED, "address": "Jl. Sabang 5 (WA 0812 3456 7890)"} | changes


def test_the_public_never_reads_a_phone_or_email_typed_into_a_request_but_its_citizen_does() -> None:
    public = views.public(stored_row(), [])
    assert public["description"] == "Lubang besar, hubungi saya 0•••-••••-•••• atau •••@•••"
    assert public["address"] == "Jl. Sabang 5 (WA 0••• •••• ••••)"
    assert "3456" not in str(views.open311(stored_row(), None, "id"))
    assert views.owner(stored_row(), [], [])["description"] == TYPED


def test_an_assigned_request_tells_open311_its_real_deadline_not_the_catalogues_default() -> None:
    pothole = CATALOGUE["pothole"]
    waiting = views.open311(stored_row(), pothole, "id")
    assigned = views.open311(stored_row(expected_at=datetime(2026, 5, 9, 10, 0, tzinfo=UTC)), pothole, "en")

    assert waiting["service_notice"].startswith("Perkiraan selesai dalam")
    assert waiting["expected_datetime"] is None
    assert assigned["service_notice"] == "Expected by 09-05-2026 17:00 WIB"
    assert assigned["expected_datetime"] == "2026-05-09T10:00:00+00:00"


def test_a_phone_quoted_in_an_agencys_note_is_hidden_from_the_public_too() -> None:
    note = "Warga bisa dihubungi di 0812 3456 7890"
    asked = {"seq": 1, "kind": "status", "status": "info_requested", "note": note, "at": NOW}
    row = stored_row(agency_name="Dinas Bina Marga", last_change=asked)

    public = views.public(row, [asked])

    hidden = "Warga bisa dihubungi di 0••• •••• ••••"
    assert public["timeline"][0]["note"] == hidden
    assert public["status_notes"] == f"instansi meminta informasi dari Anda: {hidden}"
    assert (
        views.open311(row, None, "id")["status_notes"]
        == f"Dinas Bina Marga meminta informasi dari Anda: {hidden}"
    )
    assert views.owner(row, [asked], [])["timeline"][0]["note"] == note
