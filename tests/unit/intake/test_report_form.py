"""The portal's form asks each service's questions and checks the answers exactly as the API does,
then says what is wrong beside each field, in the citizen's language."""

from __future__ import annotations

from dekat.web import words
from intake import forms
from intake.areas import NOWHERE_YET
from intake.forms import Entered
from intake.submissions import Problem, Submission

from tests.unit.intake.builders import CATALOGUE, NOW

PROBLEMS = {lang: w["problems"] for lang, w in words.load("dekat.web", "intake").items()}


def posted(**fields: str | list[str]) -> Entered:
    base: dict[str, str | list[str]] = {"description": "Lubang besar", "lat": "-6.1951", "long": "106.8345"}
    return Entered({k: v if isinstance(v, list) else [v] for k, v in {**base, **fields}.items()})


def result(service: str, entered: Entered, place: str | None = None) -> Submission | list[Problem]:
    return forms.checked(forms.body_of(service, entered, place, "id"), CATALOGUE, NOW, NOWHERE_YET)


def accepted(service: str, entered: Entered, place: str | None = None) -> Submission:
    found = result(service, entered, place)
    assert isinstance(found, Submission), found
    return found


def refused(service: str, entered: Entered) -> dict[str, str]:
    found = result(service, entered)
    assert isinstance(found, list), found
    return forms.localized(found, PROBLEMS["id"])


def test_each_attribute_becomes_the_field_its_type_asks_for() -> None:
    kinds = {q.id: q.kind for s in CATALOGUE.values() for q in forms.questions(s, "id")}
    assert kinds["attr-severity"] == "radio"
    assert kinds["attr-since"] == "datetime"
    assert kinds["attr-households"] == "number"
    assert "attr-safety_notice" not in kinds
    assert kinds["attr-waste_types"] == "checkboxes"
    assert kinds["attr-customer_number"] == "text"


def test_what_a_service_says_without_asking_is_a_notice_not_a_field() -> None:
    assert forms.notices(CATALOGUE["flooding"], "en") == ["If lives are in danger, call 112."]


def test_questions_and_their_help_come_in_the_citizens_language() -> None:
    [severity, customer] = forms.questions(CATALOGUE["water-main-break"], "en")
    assert severity.label == "How bad is the leak?"
    assert severity.required
    assert ("burst", "Bursting") in severity.options
    assert customer.hint == "8 to 12 digits"


def test_a_filled_form_makes_the_same_submission_as_the_api() -> None:
    entered = posted(**{"attr.size": "large", "email": "dewi@example.id"}, channels=["email"])
    s = accepted("pothole", entered)
    assert s.answers == {"size": ["large"]}
    assert s.citizen is not None
    assert s.citizen.email == "dewi@example.id"
    assert (s.lat, s.long, s.channel) == (-6.1951, 106.8345, "web")


def test_a_chosen_kelurahan_is_the_address_when_none_was_typed() -> None:
    s = accepted("pothole", posted(lat="", long=""), "Kel. Cikini, Kec. Menteng")
    assert s.address == "Kel. Cikini, Kec. Menteng"


def test_missing_answers_get_indonesian_messages_beside_their_fields() -> None:
    found = refused("water-main-break", posted(description="", lat="", long=""))
    assert found == {
        "area": PROBLEMS["id"]["location_needed"],
        "description": "Wajib diisi.",
        "attr-severity": "Wajib diisi.",
    }
    assert list(found) == ["area", "description", "attr-severity"]


def test_a_bad_email_and_a_bad_phone_are_named() -> None:
    found = refused("pothole", posted(email="dewi-at-example", phone="call me"))
    assert found["email"].startswith("Alamat email ini tidak valid")
    assert found["phone"].startswith("Nomor HP ini tidak valid")


def test_an_anonymous_report_that_gives_contact_details_is_refused_in_plain_words() -> None:
    found = refused("pothole", posted(privacy="anonymous", email="dewi@example.id"))
    assert found == {"contact": PROBLEMS["id"]["anonymous_contact"]}


def test_sms_without_a_phone_number_asks_for_one() -> None:
    found = refused("pothole", posted(email="dewi@example.id", channels=["sms"]))
    assert found == {"channels": PROBLEMS["id"]["channel_phone"]}


def test_a_value_outside_the_choices_is_refused() -> None:
    assert refused("pothole", posted(**{"attr.size": "huge"})) == {
        "attr-size": "Pilih salah satu pilihan yang ada."
    }


def test_a_problem_we_have_no_words_for_keeps_the_apis_message() -> None:
    found = forms.localized([Problem("lat", "outside every area Dekat serves")], PROBLEMS["id"])
    assert found == {"area": "outside every area Dekat serves"}
