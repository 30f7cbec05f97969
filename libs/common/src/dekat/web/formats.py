"""Dates, times and durations as a person reads them, in their language and time zone (Babel)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime, format_time

JAKARTA = "Asia/Jakarta"
PATTERNS = {"id": "d MMMM y, HH.mm", "en": "d MMMM y, HH:mm"}


def moment(at: datetime | str | None) -> datetime | None:
    return datetime.fromisoformat(at) if isinstance(at, str) else at


def when(at: datetime | str | None, language: str, zone: str = JAKARTA) -> str:
    """`3 Desember 2026, 09.00 WIB` / `3 December 2026, 09:00 WIB`; empty for no time."""
    found = moment(at)
    if found is None:
        return ""
    local = found.astimezone(ZoneInfo(zone))
    text = format_datetime(local, PATTERNS.get(language, PATTERNS["id"]), locale=language)
    return f"{text} {local.tzname()}"


def day(at: date | datetime | str | None, language: str, zone: str = JAKARTA) -> str:
    """`Kamis, 3 Desember 2026`: a date as it is, a moment as its day in `zone`."""
    found = at if isinstance(at, date) and not isinstance(at, datetime) else moment(at)
    if isinstance(found, datetime):
        found = found.astimezone(ZoneInfo(zone)).date()
    return "" if found is None else format_date(found, "EEEE, d MMMM y", locale=language)


def clock(at: datetime | str | None, language: str) -> str:
    found = moment(at)
    return "" if found is None else format_time(found, "HH:mm", locale=language)


def hours(count: int, language: str) -> str:
    """A service's usual time as a person says it: `3 hari`, `1 day`, `4 jam`, `36 hours`."""
    days, rest = divmod(count, 24)
    if days and not rest:
        return f"{days} hari" if language == "id" else f"{days} day{'s' if days > 1 else ''}"
    return f"{count} jam" if language == "id" else f"{count} hour{'s' if count > 1 else ''}"


def in_language(text: dict[str, str] | None, language: str) -> str:
    """The `{"id": ..., "en": ...}` text in `language`, else in Indonesian, else any."""
    if not text:
        return ""
    return text.get(language) or text.get("id") or next(iter(text.values()), "")
