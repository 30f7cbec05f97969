"""From what one run saw to its figures: latency percentiles, throughput, series for the plot (pure)."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from typing import Any

from bench.load import Generated
from bench.observe import Sighting

PERCENTILES = (50, 95, 99)


def percentile(ordered: list[float], p: float) -> float:
    """Nearest rank: the smallest value with at least p % of the values at or below it."""
    return ordered[max(0, math.ceil(len(ordered) * p / 100) - 1)]


def spread(seconds: Iterable[float]) -> dict[str, float | int | None]:
    """p50 / p95 / p99 / max in milliseconds, and how many there were."""
    ordered = sorted(seconds)
    if not ordered:
        return {"count": 0, **{f"p{p}": None for p in PERCENTILES}, "max": None}
    found: dict[str, float | int | None] = {"count": len(ordered)}
    for p in PERCENTILES:
        found[f"p{p}"] = round(percentile(ordered, p) * 1000, 1)
    found["max"] = round(ordered[-1] * 1000, 1)
    return found


def delays(seen: dict[str, Sighting], keys: set[str]) -> dict[str, float]:
    """Seconds from sending to the sighting, for the requests in `keys`."""
    return {k: at - sent / 1e6 for k, (sent, at) in seen.items() if k in keys}


def rate_within(times: Iterable[float], start: float, stop: float) -> float:
    """Events per second between `start` and `stop`."""
    return round(sum(1 for t in times if start <= t <= stop) / max(stop - start, 1e-9), 1)


def per_second(times: Iterable[float], start: float) -> dict[int, int]:
    return dict(Counter(int(t - start) for t in times if t >= start))


def latency_by_second(seen: dict[str, Sighting], keys: set[str], start: float) -> dict[int, dict[str, float]]:
    """p50 and p99 (ms) of the requests sent in each second of the run."""
    buckets: dict[int, list[float]] = {}
    for k, (sent, at) in seen.items():
        if k in keys:
            buckets.setdefault(int(sent / 1e6 - start), []).append(at - sent / 1e6)
    return {
        second: {"p50": percentile(sorted(v), 50) * 1000, "p99": percentile(sorted(v), 99) * 1000}
        for second, v in sorted(buckets.items())
        if second >= 0
    }


def accepted_keys(generated: Generated, key_of: dict[str, str]) -> set[str]:
    return {key_of[r.request_id] for r in generated.responses if r.status == 201 and r.request_id in key_of}


def summarize(
    generated: Generated,
    key_of: dict[str, str],
    sent_at: dict[str, int],
    items: dict[str, Sighting],
    mail: dict[str, Sighting],
) -> dict[str, Any]:
    """`key_of`: request id → its bench key; `sent_at`: bench key → µs it was sent."""
    start, stop = generated.started, generated.stopped
    keys = accepted_keys(generated, key_of)
    accepted = {
        key_of[r.request_id]: (sent_at[key_of[r.request_id]], r.at)
        for r in generated.responses
        if r.status == 201 and r.request_id in key_of
    }
    statuses = Counter(r.status for r in generated.responses)
    return {
        "requests": generated.summary["requests"],
        "accepted": len(keys),
        "errors": {
            "status": {str(s): n for s, n in statuses.items() if s != 201},
            "socket": {k: v for k, v in generated.summary["errors"].items() if k != "status" and v},
        },
        "missing": {"work_item": len(keys - set(items)), "email": len(keys - set(mail))},
        "throughput": {
            "accepted_per_s": rate_within((at for _, at in accepted.values()), start, stop),
            "work_items_per_s": rate_within((at for k, (_, at) in items.items() if k in keys), start, stop),
            "emails_per_s": rate_within((at for k, (_, at) in mail.items() if k in keys), start, stop),
        },
        "latency_ms": {
            "accept": spread(delays(accepted, keys).values()),
            "agency_topic": spread(delays(items, keys).values()),
            "email": spread(delays(mail, keys).values()),
        },
        "wrk_latency_ms": {k: round(v / 1000, 1) for k, v in generated.summary["latency_us"].items()},
        "series": {
            "accepted": per_second((at for _, at in accepted.values()), start),
            "work_items": per_second((at for k, (_, at) in items.items() if k in keys), start),
            "emails": per_second((at for k, (_, at) in mail.items() if k in keys), start),
            "accept_latency": latency_by_second(accepted, keys, start),
            "agency_latency": latency_by_second(items, keys, start),
            "email_latency": latency_by_second(mail, keys, start),
        },
    }
