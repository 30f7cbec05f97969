"""Times as a citizen reads them: in their own zone, named (WIB, WITA, WIT), in their language.

Babel writes the dates; zoneinfo knows the zones. Pure.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel.dates import format_datetime
from babel.numbers import format_decimal

DEFAULT_ZONE = "Asia/Jakarta"

PATTERNS = {
    ("id", False): "EEEE, d MMMM y 'pukul' HH.mm",
    ("en", False): "EEEE d MMMM y, HH:mm",
    ("id", True): "d MMM HH.mm",
    ("en", True): "d MMM, HH:mm",
}
"""`("id", False)`: "Rabu, 12 Maret 2025 pukul 15.00"; `("en", True)`: "12 Mar, 15:00"."""


def zone(name: str) -> ZoneInfo:
    """The zone called `name`; Jakarta's for a name that is no zone."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(DEFAULT_ZONE)


def when(moment: datetime, *, language: str, zone_name: str, short: bool = False) -> str:
    """`moment` in the citizen's zone, with the zone's name: "12 Mar 16.00 WITA"."""
    local = moment.astimezone(zone(zone_name))
    pattern = PATTERNS.get((language, short), PATTERNS[("id", short)])
    return f"{format_datetime(local, pattern, locale=language)} {local.tzname()}"


def number(value: int, *, language: str) -> str:
    return format_decimal(value, locale=language)
