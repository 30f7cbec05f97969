"""Results as JSON, a Markdown table with Dekat / bare beside every figure, and a plot."""

from __future__ import annotations

import json
import os
import platform
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

Result = dict[str, Any]
Figure = Callable[[Result], float | int | None]

PERCENTILES = ("p50", "p95", "p99", "max")
BACKENDS = "postgresql (this run's backends)"
PAIRS = {"intake": "bare api", "routing": "bare route", "notify": "bare notify"}
"""Each Dekat service and the part of the bare pipeline doing its share."""


def latency(kind: str, p: str) -> Figure:
    return lambda r: r["latency_ms"][kind][p]


def cpu(group: str) -> Figure:
    return lambda r: r["resources"].get(group, {}).get("cpu_seconds")


def rss(group: str) -> Figure:
    """Of the group's largest process (the target is per process; two instances are two)."""

    def largest(r: Result) -> float | None:
        found: dict[str, float] = r["resources"].get(group, {})
        return found.get("peak_rss_mib_largest_process", found.get("peak_rss_mib"))

    return largest


def total_cpu(r: Result) -> float:
    return round(sum(cpu(role)(r) or 0 for pair in PAIRS.items() for role in pair), 2)


def per_request(figure: Figure) -> Figure:
    """CPU milliseconds per accepted request: what a run costs, whatever else ran beside it."""

    def ms(r: Result) -> float | None:
        seconds = figure(r)
        return None if seconds is None or not r["accepted"] else round(1000 * seconds / r["accepted"], 2)

    return ms


def errors(r: Result) -> int:
    found: dict[str, dict[str, int]] = r["errors"]
    return sum(found["status"].values()) + sum(found["socket"].values())


ROWS: list[tuple[str, Figure, Figure | None]] = [
    ("accepted/s", lambda r: r["throughput"]["accepted_per_s"], None),
    ("work items on the agency topic/s", lambda r: r["throughput"]["work_items_per_s"], None),
    ("first emails/s", lambda r: r["throughput"]["emails_per_s"], None),
    *[(f"submit → 201 {p} ms", latency("accept", p), None) for p in PERCENTILES],
    *[(f"submit → agency topic {p} ms", latency("agency_topic", p), None) for p in PERCENTILES],
    *[(f"submit → first email {p} ms", latency("email", p), None) for p in PERCENTILES],
    ("consumer lag at load end", lambda r: r["lag"]["at_load_end"], None),
    ("lag back to 0 after s", lambda r: r["lag"]["back_to_zero_after_s"], None),
    ("errors (non-201, socket)", errors, None),
    ("accepted but never on the topic / emailed", lambda r: sum(r["missing"].values()), None),
    *[(f"CPU s: {dekat} ({bare})", cpu(dekat), cpu(bare)) for dekat, bare in PAIRS.items()],
    ("CPU s: the three together", total_cpu, None),
    ("CPU ms per request: the three", per_request(total_cpu), None),
    (
        "CPU ms per request: + their PostgreSQL backends",
        per_request(lambda r: total_cpu(r) + (cpu(BACKENDS)(r) or 0)),
        None,
    ),
    ("CPU s: kafka (shared with other work)", cpu("kafka"), None),
    ("CPU s: postgresql (the run's backends)", cpu(BACKENDS), None),
    ("CPU s: smtp sink", cpu("smtp sink"), None),
    ("CPU s: wrk", cpu("wrk"), None),
    *[
        (f"peak RSS MiB, largest process: {dekat} ({bare})", rss(dekat), rss(bare))
        for dekat, bare in PAIRS.items()
    ],
    ("peak RSS MiB: kafka", rss("kafka"), None),
]


def shown(value: float | int | None) -> str:
    if value is None:
        return "-"
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:g}"


def cell(value: float | int | None, bare: float | int | None) -> str:
    if value is None or not bare:
        return shown(value)
    return f"{shown(value)} ({value / bare:.2f})"


def table(runs: list[Result], mode: str) -> list[str]:
    bare = next((r[mode] for r in runs if r["system"] == "bare"), None)
    others = [r for r in runs if r["system"] != "bare"]
    header = ["", "bare", *(r["system"] for r in others)]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for name, figure, bare_figure in ROWS:
        base = (bare_figure or figure)(bare) if bare else None
        values = [cell(figure(r[mode]), base) for r in others]
        lines.append(f"| {name} | {shown(base)} | " + " | ".join(values) + " |")
    return lines


KEY_ROWS = (
    "accepted/s",
    "work items on the agency topic/s",
    "first emails/s",
    "submit → 201 p99 ms",
    "submit → agency topic p99 ms",
    "submit → first email p99 ms",
    "consumer lag at load end",
    "lag back to 0 after s",
    "CPU ms per request: + their PostgreSQL backends",
    *(f"peak RSS MiB, largest process: {dekat} ({bare})" for dekat, bare in PAIRS.items()),
)


def condensed(runs: list[Result]) -> str:
    """The figures the issue's targets are about, for the README."""
    lines = []
    for mode in modes_of(runs):
        rows = table(runs, mode)
        kept = [r for r in rows[2:] if r.split(" | ")[0].removeprefix("| ") in KEY_ROWS]
        lines += [heading(mode, runs[0][mode]["load"]).replace("## ", "**") + "**", "", *rows[:2], *kept, ""]
    return "\n".join(lines)


def heading(mode: str, load: dict[str, int]) -> str:
    if mode == "fixed":
        return (
            f"## Fixed rate: {load['rate']} req/s for {load['seconds']} s ({load['connections']} connections)"
        )
    return f"## Maximum rate: {load['connections']} connections for {load['seconds']} s"


def markdown(runs: list[Result], when: str) -> str:
    parts = [
        f"# Benchmark, {when}",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, everything co-located (and shared with"
        " other work: compare ratios, not absolute numbers). Load: wrk, 2 threads, `blocked-drain`"
        " requests, one citizen each. Cells: Dekat's figure and, in brackets, Dekat / bare.",
        "",
    ]
    for mode in modes_of(runs):
        parts += [heading(mode, runs[0][mode]["load"]), "", *table(runs, mode), ""]
    return "\n".join([*parts, "![latency and throughput over time](latest.png)", ""])


def modes_of(runs: list[Result]) -> list[str]:
    return [mode for mode in ("fixed", "max") if mode in runs[0]]


def one_line(r: Result) -> str:
    t, a = r["throughput"], r["latency_ms"]
    return (
        f"accepted {t['accepted_per_s']}/s, work items {t['work_items_per_s']}/s,"
        f" emails {t['emails_per_s']}/s;"
        f" 201 p99 {a['accept']['p99']} ms, topic p99 {a['agency_topic']['p99']} ms,"
        f" email p99 {a['email']['p99']} ms; lag at end {r['lag']['at_load_end']},"
        f" 0 after {r['lag']['back_to_zero_after_s']} s; errors {errors(r)}, missing {r['missing']}"
    )


def write(runs: list[Result], out: Path, *, smoke: bool) -> list[Path]:
    when = time.strftime("%Y-%m-%d %H:%M %Z")
    stem = "smoke" if smoke else "latest"
    paths = [out / f"{stem}.json", out / f"{stem}.md", out / f"{stem}.png", out / f"{stem}-summary.md"]
    paths[0].write_text(json.dumps({"when": when, "runs": runs}, indent=1) + "\n")
    paths[1].write_text(markdown(runs, when).replace("latest.png", paths[2].name))
    paths[3].write_text(condensed(runs))
    from bench import plot  # matplotlib: only when there is something to draw

    plot.draw(runs, paths[2])
    return paths
