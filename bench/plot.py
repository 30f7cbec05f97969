"""One picture per benchmark: throughput and latency over time, Dekat beside the bare pipeline."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

STYLE = {"dekat": "-", "bare": "--"}
COUNTS = {"accepted": "tab:blue", "work_items": "tab:orange", "emails": "tab:green"}
LATENCIES = {"accept_latency": "tab:blue", "agency_latency": "tab:orange", "email_latency": "tab:green"}


def series(points: dict[Any, Any], value: str | None = None) -> tuple[list[int], list[float]]:
    pairs = sorted((int(k), v if value is None else v[value]) for k, v in points.items())
    return [k for k, _ in pairs], [v for _, v in pairs]


def draw(runs: list[dict[str, Any]], path: Path) -> None:
    shown = [r for r in runs if r["system"] in STYLE]
    modes = [mode for mode in ("fixed", "max") if mode in runs[0]]
    figure, axes = plt.subplots(
        len(modes), 2, figsize=(13, 4 * len(modes)), constrained_layout=True, squeeze=False
    )
    for row, mode in enumerate(modes):
        counts, latencies = axes[row]
        for run in shown:
            found, line = run[mode]["series"], STYLE[run["system"]]
            for name, colour in COUNTS.items():
                counts.plot(*series(found[name]), line, color=colour, label=f"{run['system']} {name}/s")
            for name, colour in LATENCIES.items():
                label = f"{run['system']} {name} p99"
                latencies.plot(*series(found[name], "p99"), line, color=colour, label=label)
                latencies.plot(*series(found[name], "p50"), line, color=colour, alpha=0.35)
        load = shown[0][mode]["load"] if shown else {}
        title = f"{load.get('rate') or 'maximum'} req/s" if load else mode
        counts.set(title=f"{title}: per second", xlabel="s since the load began", ylabel="per second")
        latencies.set(
            title=f"{title}: latency by second sent (p99; faint: p50)",
            xlabel="s since the load began",
            ylabel="ms",
            yscale="log",
        )
        counts.legend(fontsize=7)
        latencies.legend(fontsize=7)
    figure.savefig(path, dpi=90)
    plt.close(figure)
