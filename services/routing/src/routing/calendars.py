"""Working time, as routing counts its deadlines: the arithmetic lives in `dekat.calendars`, so
intake's public figures count the same working hours (re-exported here under routing's old names)."""

from __future__ import annotations

from dekat.calendars import (
    ALIASES,
    MAX_DAYS,
    ROUND_THE_CLOCK,
    ZONES,
    Calendar,
    add_working_hours,
    as_document,
    clock_text,
    clock_time,
    national_holidays,
    opening_hours,
    parse,
    working_hours_between,
)

__all__ = [
    "ALIASES",
    "MAX_DAYS",
    "ROUND_THE_CLOCK",
    "ZONES",
    "Calendar",
    "add_working_hours",
    "as_document",
    "clock_text",
    "clock_time",
    "national_holidays",
    "opening_hours",
    "parse",
    "working_hours_between",
]
