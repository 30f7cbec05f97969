"""A request's timeline as intake keeps it: facts from routing's events and the citizen's own
words, worded in the reader's language only when shown (pure).

Nothing here is English prose from another service: an agency's own words (`note`) are shown as
theirs, everything else is worded from codes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from dekat.payloads import RequestAssigned, RequestStatusChanged
from dekat.vocabulary import Language


@dataclass(frozen=True)
class Entry:
    request_id: str
    seq: int
    kind: str
    """`status`, or a change that leaves it: `escalated`, `update`, `reminder`."""
    status: str
    at: datetime
    reason: str | None = None
    agency_name: str | None = None
    by_agency: str | None = None
    note: str | None = None
    escalation: str | None = None
    escalated_to: str | None = None
    deadline: datetime | None = None


def received(request_id: str, at: datetime) -> Entry:
    return Entry(request_id, 0, "status", "received", at)


def of_assignment(a: RequestAssigned) -> Entry:
    reason = "rerouted" if a.previous_agency_code else None
    return Entry(a.request_id, a.status_seq, "status", "assigned", a.assigned_at, reason, a.agency_name)


def of_change(s: RequestStatusChanged) -> Entry:
    return Entry(
        s.request_id,
        s.status_seq,
        s.change,
        s.status,
        s.changed_at,
        reason=s.reason,
        agency_name=s.agency_name,
        by_agency=s.by_agency.name if s.by_agency else None,
        note=s.note,
        escalation=s.escalation,
        escalated_to=s.escalated_to,
        deadline=s.deadline,
    )


STATUS_WORDS: dict[Language, dict[str, str]] = {
    "id": {
        "received": "Diterima",
        "assigned": "Diteruskan ke {agency}",
        "acknowledged": "Dikonfirmasi oleh {agency}",
        "in_progress": "Sedang dikerjakan oleh {agency}",
        "info_requested": "{agency} meminta informasi dari Anda",
        "resolved": "Diselesaikan oleh {agency}",
        "closed": "Ditutup",
        "rejected": "{agency} menyatakan ini bukan wewenangnya",
        "transferred": "{agency} memindahkan permintaan ini",
        "reopened": "Dibuka kembali",
    },
    "en": {
        "received": "Received",
        "assigned": "Passed to {agency}",
        "acknowledged": "Acknowledged by {agency}",
        "in_progress": "Being worked on by {agency}",
        "info_requested": "{agency} asked you for information",
        "resolved": "Resolved by {agency}",
        "closed": "Closed",
        "rejected": "{agency} says this is not theirs",
        "transferred": "{agency} passed the request on",
        "reopened": "Reopened",
    },
}
REASON_WORDS: dict[Language, dict[str, str]] = {
    "id": {
        "rerouted": "Dialihkan ke {agency}",
        "unanswered": "Ditutup karena pertanyaan instansi tidak dijawab; Anda dapat membukanya kembali",
        "rated": "Ditutup setelah Anda memberi penilaian",
        "answered": "Anda menjawab; {agency} melanjutkan pekerjaan",
        "withdrawn": "{agency} menarik pertanyaannya dan melanjutkan pekerjaan",
        "continued": "{agency} melanjutkan tanpa jawaban Anda",
        "contested": "Anda mengajukan keberatan; permintaan dibuka kembali",
        "merged": "Digabung dengan laporan lain tentang masalah yang sama",
    },
    "en": {
        "rerouted": "Re-routed to {agency}",
        "unanswered": "Closed because the agency's question was not answered; you may reopen it",
        "rated": "Closed after you rated it",
        "answered": "You answered; {agency} carries on",
        "withdrawn": "{agency} withdrew its question and carries on",
        "continued": "{agency} carries on without your answer",
        "contested": "You contested the resolution; the request is open again",
        "merged": "Merged with another report of the same problem",
    },
}
CHANGE_WORDS: dict[Language, dict[str, str]] = {
    "id": {
        "escalated": "Tenggat terlewati; dilaporkan kepada {told}",
        "reminded": "Tenggat terlewati; {agency} telah diingatkan",
        "update": "Kabar dari {by}",
        "reminder": "Pengingat: mohon jawab pertanyaan {agency}",
    },
    "en": {
        "escalated": "Deadline missed; raised with {told}",
        "reminded": "Deadline missed; {agency} has been reminded",
        "update": "Update from {by}",
        "reminder": "Reminder: please answer {agency}'s question",
    },
}
CITIZEN_WORDS: dict[Language, dict[str, str]] = {
    "id": {"answer": "Jawaban Anda", "contest": "Keberatan Anda", "rating": "Penilaian Anda"},
    "en": {"answer": "Your answer", "contest": "Your contest", "rating": "Your rating"},
}


def worded(e: dict[str, Any], language: Language) -> str:
    """What happened, in a sentence of the reader's language (the agency's own words apart)."""
    agency = e.get("agency_name") or ("instansi" if language == "id" else "the agency")
    if e["kind"] == "escalated":
        key = "reminded" if e.get("escalation") == "reminder" else "escalated"
        return CHANGE_WORDS[language][key].format(agency=agency, told=e.get("escalated_to") or agency)
    if e["kind"] in CHANGE_WORDS[language]:
        return CHANGE_WORDS[language][e["kind"]].format(agency=agency, by=e.get("by_agency") or agency)
    reason = e.get("reason")
    if reason in REASON_WORDS[language]:
        return REASON_WORDS[language][str(reason)].format(agency=agency)
    status = str(e["status"])
    return STATUS_WORDS[language].get(status, status.replace("_", " ")).format(agency=agency)


def status_note(entries: list[dict[str, Any]], language: Language) -> str | None:
    """Open311's `status_notes`: the latest thing that happened, and the agency's words if any."""
    if not entries:
        return None
    last = entries[-1]
    said = f": {last['note']}" if last.get("note") else ""
    return worded(last, language) + said


def shown(
    entries: list[dict[str, Any]], messages: list[dict[str, Any]], language: Language
) -> list[dict[str, Any]]:
    """The timeline as a reader sees it, oldest first: each entry with its sentence (`text`),
    the agency's own words (`note`), and the citizen's own messages among them."""
    steps = [{**e, "who": "agency", "text": worded(e, language)} for e in entries]
    said = [
        {**m, "who": "citizen", "text": CITIZEN_WORDS[language][m["kind"]], "note": said_text(m)}
        for m in messages
    ]
    return sorted(steps + said, key=lambda e: e["at"])


def said_text(m: dict[str, Any]) -> str | None:
    if m.get("rating") is None:
        text: str | None = m.get("text")
        return text
    return f"{m['rating']}/5" + (f" — {m['text']}" if m.get("text") else "")
