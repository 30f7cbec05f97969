"""The citizen's tracking page, in Indonesian or English: pure HTML from the owner's view."""

from __future__ import annotations

from datetime import datetime
from html import escape
from typing import Any
from urllib.parse import quote
from zoneinfo import ZoneInfo

WIB = ZoneInfo("Asia/Jakarta")

WORDS: dict[str, dict[str, str]] = {
    "id": {
        "title": "Permintaan",
        "status": "Status",
        "agency": "Ditangani oleh",
        "expected": "Target selesai",
        "timeline": "Riwayat",
        "rate": "Beri penilaian (1-5)",
        "comment": "Komentar",
        "send": "Kirim",
        "reopen": "Belum selesai? Ajukan keberatan",
        "info": "Kirim informasi yang diminta",
        "none": "belum ada",
        "sent": "Terkirim. Terima kasih.",
        "failed": "Gagal: ",
    },
    "en": {
        "title": "Request",
        "status": "Status",
        "agency": "Handled by",
        "expected": "Expected by",
        "timeline": "History",
        "rate": "Rate the service (1-5)",
        "comment": "Comment",
        "send": "Send",
        "reopen": "Not fixed? Contest the resolution",
        "info": "Send the information requested",
        "none": "not yet",
        "sent": "Sent. Thank you.",
        "failed": "Failed: ",
    },
}

STATUS_WORDS = {
    "id": {
        "received": "diterima",
        "assigned": "diteruskan ke instansi",
        "acknowledged": "dikonfirmasi instansi",
        "in_progress": "sedang dikerjakan",
        "info_requested": "instansi meminta informasi",
        "resolved": "selesai",
        "closed": "ditutup",
        "rejected": "dialihkan",
        "transferred": "dipindahkan",
        "escalated": "dieskalasi",
        "reopened": "dibuka kembali",
    },
    "en": {},
}

ACTIONS = {"info_requested": ("info",), "resolved": ("rate", "reopen"), "closed": ("reopen",)}


def status_word(status: str, language: str) -> str:
    return STATUS_WORDS.get(language, {}).get(status, status.replace("_", " "))


def local_time(at: datetime | str | None, none: str) -> str:
    if at is None:
        return none
    moment = datetime.fromisoformat(at) if isinstance(at, str) else at
    return moment.astimezone(WIB).strftime("%d-%m-%Y %H:%M WIB")


def timeline_rows(timeline: list[dict[str, Any]], language: str) -> str:
    def row(step: dict[str, Any]) -> str:
        when = escape(local_time(step["at"], ""))
        note = f" — {escape(step['note'])}" if step.get("note") else ""
        return f"<li><time>{when}</time> {escape(step['text'])}{note}</li>"

    return "".join(row(step) for step in timeline)


def form(action: str, code: str, words: dict[str, str], key: str) -> str:
    rating = (
        f'<label>{words["rate"]} <input name="rating" type="number" min="1" max="5" required></label>'
        if action == "rate"
        else ""
    )
    heading = {"rate": words["rate"], "reopen": words["reopen"], "info": words["info"]}[action]
    path = {"rate": "rating", "reopen": "reopen", "info": "info"}[action]
    return (
        f'<form data-path="/v1/requests/by-code/{escape(code)}/{path}?k={quote(key)}">'
        f"<h2>{heading}</h2>{rating}"
        f'<label>{words["comment"]} <textarea name="comment" maxlength="2000"></textarea></label>'
        f"<button>{words['send']}</button><output></output></form>"
    )


SCRIPT = """<script>
for (const f of document.querySelectorAll('form[data-path]')) f.addEventListener('submit', async e => {
  e.preventDefault();
  const body = {comment: f.comment.value || null};
  if (f.rating) body.rating = Number(f.rating.value);
  const r = await fetch(f.dataset.path, {method: 'POST', headers: {'content-type': 'application/json',
    'idempotency-key': crypto.randomUUID()}, body: JSON.stringify(body)});
  const answer = await r.json();
  f.querySelector('output').textContent = r.ok ? f.dataset.sent : f.dataset.failed +
    (answer.problems || []).map(p => p.message).join('; ');
  if (r.ok) setTimeout(() => location.reload(), 800);
});
</script>"""


def tracking_page(view: dict[str, Any], language: str, key: str | None = None) -> str:
    """Status, agency, deadline, history, and the actions the current status allows (with the key)."""
    words = WORDS.get(language, WORDS["id"])
    code = view["tracking_code"]
    forms = "".join(form(a, code, words, key) for a in ACTIONS.get(view["status"], ())) if key else ""
    forms = forms.replace("<form ", f'<form data-sent="{words["sent"]}" data-failed="{words["failed"]}" ')
    return f"""<!doctype html>
<html lang="{escape(language)}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{words["title"]} {escape(code)} — Dekat</title>
<style>body{{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}}
dt{{font-weight:600}}form{{border-top:1px solid #ccc;margin-top:1.5rem}}label{{display:block;margin:.5rem 0}}
textarea{{width:100%;min-height:4rem}}</style></head>
<body><h1>{words["title"]} {escape(code)}</h1>
<dl><dt>{words["status"]}</dt><dd>{escape(status_word(view["status"], language))}</dd>
<dt>{words["agency"]}</dt><dd>{escape(view.get("agency_name") or words["none"])}</dd>
<dt>{words["expected"]}</dt><dd>{escape(local_time(view.get("expected_at"), words["none"]))}</dd></dl>
<h2>{words["timeline"]}</h2><ol>{timeline_rows(view["timeline"], language)}</ol>
{forms}{SCRIPT if forms else ""}</body></html>"""
