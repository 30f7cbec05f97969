"""An escalation is told from its facts in the citizen's language, naming who was late and who was
told; the deadline it gives is the one the citizen can still hold the agency to, or none."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from dekat.payloads import RequestStatusChanged
from notify import wording
from notify.changes import from_status

from tests.unit.notify.builders import LINKS, NOON_JAKARTA, REQUEST_ID, contact, telling

RESOLVE_BY = datetime(2025, 3, 12, 8, 0, tzinfo=UTC)
ROUTING_PROSE = ("has not", "escalated to", "supervisor", "coordinator", "Tenggat baru", "New deadline")


def escalation_body(
    language: str,
    step: str,
    told: str,
    missed: str = "acknowledge",
    note: str | None = None,
    deadline: datetime | None = None,
) -> str:
    status = RequestStatusChanged(
        request_id=REQUEST_ID,
        status="in_progress",
        status_seq=3,
        change="escalated",
        agency_code="sudin-sda",
        agency_name="Sudin SDA",
        changed_at=NOON_JAKARTA,
        escalation=step,  # type: ignore[arg-type]
        escalated_to=told,
        missed=missed,  # type: ignore[arg-type]
        note=note,
        deadline=deadline,
    )
    change = from_status(REQUEST_ID, status)
    assert change is not None
    return wording.written(contact(language=language), telling(change), "email", LINKS, NOON_JAKARTA).body


def test_an_indonesian_citizen_is_told_of_a_reminder_in_indonesian() -> None:
    body = escalation_body("id", "reminder", "Sudin SDA")

    assert (
        "Sudin SDA belum mengonfirmasi permintaan Anda tepat waktu; kami telah mengingatkan mereka." in body
    )
    assert "meneruskannya" not in body
    assert not [words for words in ROUTING_PROSE if words in body]


@pytest.mark.parametrize(
    ("step", "told"), [("supervisor", "Dinas SDA"), ("coordinator", "MPP Jakarta Pusat")]
)
def test_an_indonesian_citizen_is_told_which_agency_the_request_went_up_to(step: str, told: str) -> None:
    body = escalation_body("id", step, told, missed="resolve")

    assert (
        f"Sudin SDA belum menyelesaikan permintaan Anda tepat waktu; kami telah meneruskannya ke {told}."
        in body
    )
    assert "mengingatkan" not in body


@pytest.mark.parametrize(
    ("step", "told", "missed", "line"),
    [
        (
            "reminder",
            "Sudin SDA",
            "resolve",
            "Sudin SDA has not resolved your request in time; we have reminded them.",
        ),
        (
            "supervisor",
            "Dinas SDA",
            "acknowledge",
            "Sudin SDA has not acknowledged your request in time; we have raised it with Dinas SDA.",
        ),
    ],
)
def test_an_english_speaking_citizen_is_told_the_same_in_english(
    step: str, told: str, missed: str, line: str
) -> None:
    body = escalation_body("en", step, told, missed)

    assert line in body
    assert sum("in time" in row for row in body.splitlines()) == 1


def test_after_a_missed_acknowledgement_the_resolve_by_the_citizen_can_hold_them_to_is_given() -> None:
    indonesian = escalation_body("id", "supervisor", "Dinas SDA", deadline=RESOLVE_BY)
    english = escalation_body("en", "supervisor", "Dinas SDA", deadline=RESOLVE_BY)

    assert (
        "Permintaan Anda tetap harus diselesaikan paling lambat Rabu, 12 Maret 2025 pukul 15.00 WIB."
        in indonesian
    )
    assert "It must still be resolved by Wednesday 12 March 2025, 15:00 WIB." in english


def test_a_missed_resolution_gives_no_new_deadline_only_that_it_is_followed_up() -> None:
    body = escalation_body("en", "coordinator", "MPP Jakarta Pusat", missed="resolve")

    assert "The time to resolve it has passed" in body
    assert "must still be resolved by" not in body
    assert not [words for words in ("New deadline", "Tenggat baru") if words in body]


def test_an_agency_written_note_is_still_shown() -> None:
    body = escalation_body("id", "supervisor", "Dinas SDA", note="Pompa sedang diperbaiki")

    assert "Keterangan: Pompa sedang diperbaiki" in body
