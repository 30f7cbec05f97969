"""What time notify thinks it is: the real time, or a movable one read from a file (tests, demos)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

Clock = Callable[[], datetime]


def system() -> datetime:
    return datetime.now(UTC)


def from_file(path: str) -> Clock:
    """The time written in `path` (ISO 8601, with offset), running on from when it was written;
    the real time while the file is absent. Moving the clock is rewriting the file."""

    def now() -> datetime:
        file = Path(path)
        try:
            text, written = file.read_text().strip(), file.stat().st_mtime
        except FileNotFoundError:
            return system()
        elapsed = system() - datetime.fromtimestamp(written, UTC)
        return datetime.fromisoformat(text).astimezone(UTC) + elapsed

    return now


def of(clock_file: str | None) -> Clock:
    return from_file(clock_file) if clock_file else system
