"""An escalation is told from its facts in the citizen's language, naming who was late and who was told."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from dekat.payloads import RequestStatusChanged
from notify.changes import from_status
from notify.notifications import Contact, Links, first
from notify.preferences import Preferences

NOON_JAKARTA = datetime(2025, 3, 10, 5, 0, tzinfo=UTC)
REQUEST_ID = "0b6c8f4e-2a51-4c1e-9d43-5f7e2b8a6c10"
LINKS = Links("http://127.0.0.1:8001", "http://127.0.0.1:8003", "secret")
ROUTING_PROSE = ("has not", "deadline", "escalated to", "reminded", "supervisor", "coordinator")


def escalation_body(
    language: str, step: str, told: str, missed: str = "acknowledge", note: str | None = None
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
    )
    change = from_status(REQUEST_ID, status)
    assert change is not None
    contact = Contact(
        REQUEST_ID, "DK-7K3M-9QXA", "Siti", "siti@example.org", None, Preferences(language=language)
    )
    n = first(contact, change, LINKS, now=NOON_JAKARTA)
    assert n is not None
    return n.body


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
    assert not [words for words in ROUTING_PROSE if words in body]


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
        (
            "coordinator",
            "MPP Jakarta Pusat",
            "resolve",
            "Sudin SDA has not resolved your request in time; we have raised it with MPP Jakarta Pusat.",
        ),
    ],
)
def test_an_english_speaking_citizen_is_told_the_same_in_english(
    step: str, told: str, missed: str, line: str
) -> None:
    body = escalation_body("en", step, told, missed)

    assert line in body
    assert sum("in time" in row for row in body.splitlines()) == 1


def test_an_agency_written_note_is_still_shown() -> None:
    assert "Keterangan: Pompa sedang diperbaiki" in escalation_body(
        "id", "supervisor", "Dinas SDA", note="Pompa sedang diperbaiki"
    )
