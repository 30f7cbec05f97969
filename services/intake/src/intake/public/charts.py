"""Charts as SVG geometry, drawn on the server (pure): the template writes the shapes, so a page
needs no script, no font and nothing from the internet. 320 units wide: a phone's width, and
scaled by the browser (`viewBox`) on anything wider."""

from __future__ import annotations

from dataclasses import dataclass

WIDTH = 320
ROW = 48
"""A bar's name sits above it and its value below, so neither squeezes the bar on a phone."""


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None
    text: str
    """What the bar says: its value, or why it has none."""
    y: float
    width: float
    low: float | None = None
    high: float | None = None


@dataclass(frozen=True)
class Bars:
    width: int
    height: int
    bars: tuple[Bar, ...]


def x_of(value: float, scale: float) -> float:
    return round(WIDTH * max(0.0, min(value, scale)) / scale, 1)


def bars(items: list[tuple[str, float | None, float | None, float | None, str]], scale: float = 100) -> Bars:
    """(label, value, low, high, text) as horizontal bars with their band, one row each."""
    drawn = tuple(
        Bar(
            label=label,
            value=value,
            text=text,
            y=i * ROW,
            width=x_of(value, scale) if value is not None else 0,
            low=x_of(low, scale) if low is not None else None,
            high=x_of(high, scale) if high is not None else None,
        )
        for i, (label, value, low, high, text) in enumerate(items)
    )
    return Bars(WIDTH, max(ROW * len(drawn), ROW), drawn)


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    low: float
    high: float
    label: str
    score: float


@dataclass(frozen=True)
class Trend:
    width: int
    height: int
    lines: tuple[str, ...]
    """The `points` of each unbroken run of weeks with a score."""
    bands: tuple[str, ...]
    """The band of each run, as a polygon: along the upper bounds, back along the lower."""
    dots: tuple[Point, ...]
    ticks: tuple[tuple[float, str], ...]


Week = tuple[str, float | None, float | None, float | None]
"""(label, score, low, high) on the 0-100 scale; no score: not enough data that week."""


def trend(points: list[Week], height: int = 120) -> Trend:
    """Week by week; a week without a score breaks the line."""
    step = WIDTH / max(len(points) - 1, 1)

    def y(value: float) -> float:
        return round(height - height * value / 100, 1)

    runs: list[list[Point]] = [[]]
    for i, (label, score, low, high) in enumerate(points):
        if score is None or low is None or high is None:
            runs.append([])
            continue
        runs[-1].append(Point(round(i * step, 1), y(score), y(low), y(high), label, score))
    kept = [run for run in runs if run]
    return Trend(
        WIDTH,
        height,
        lines=tuple(" ".join(f"{p.x},{p.y}" for p in run) for run in kept),
        bands=tuple(band(run) for run in kept),
        dots=tuple(p for run in kept for p in run),
        ticks=tuple(
            (round(i * step, 1), label)
            for i, (label, *_) in enumerate(points)
            if i % 4 == 0 or i == len(points) - 1
        ),
    )


def band(run: list[Point]) -> str:
    return " ".join([*(f"{p.x},{p.high}" for p in run), *(f"{p.x},{p.low}" for p in reversed(run))])
