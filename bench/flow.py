"""Benchmark: how fast requests flow through a running stack (`make up` first, then `make bench`).

Submits N requests with C in flight, then measures: HTTP accept latency at intake, and the time
from submission to routing's decision, read from the request's own timeline (intake outbox → Kafka →
routing), as intake's read model shows it once the assignment travelled back. Polling is slow and
sequential so that watching does not load the stack it measures. Numbers go in notes; nothing here
asserts a speed.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
import uuid
from datetime import datetime
from typing import Any

import httpx


def body(n: int) -> dict[str, Any]:
    return {
        "service_code": ["pothole", "blocked-drain", "streetlight-out", "missed-waste-pickup"][n % 4],
        "description": f"Benchmark request {n}",
        "lat": -6.19,
        "long": 106.83,
        "citizen": {"name": f"Bench {n}", "email": f"bench-{uuid.uuid4().hex[:8]}@example.id"},
    }


async def submit(client: httpx.AsyncClient, n: int, gate: asyncio.Semaphore) -> tuple[str, float, float]:
    async with gate:
        started = time.perf_counter()
        response = await client.post("/v1/requests", json=body(n))
        response.raise_for_status()
        return response.json()["id"], started, time.perf_counter() - started


def decision_delay(view: dict[str, Any]) -> float | None:
    """Seconds from submission to routing's decision, once intake knows of it."""
    assigned = [step["at"] for step in view["timeline"] if step["status"] == "assigned"]
    if not assigned:
        return None
    return (
        datetime.fromisoformat(assigned[0]) - datetime.fromisoformat(view["submitted_at"])
    ).total_seconds()


async def decision_delays(client: httpx.AsyncClient, request_ids: list[str]) -> list[float]:
    delays: dict[str, float] = {}
    while len(delays) < len(request_ids):
        for request_id in (i for i in request_ids if i not in delays):
            delay = decision_delay((await client.get(f"/v1/requests/{request_id}")).json())
            if delay is not None:
                delays[request_id] = delay
        await asyncio.sleep(0.5)
    return list(delays.values())


def summary(name: str, seconds: list[float]) -> str:
    ordered = sorted(seconds)
    p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)]
    return (
        f"{name:<28} p50 {statistics.median(ordered) * 1000:7.1f} ms   "
        f"p95 {p95 * 1000:7.1f} ms   max {ordered[-1] * 1000:7.1f} ms"
    )


async def main(url: str, count: int, concurrency: int) -> None:
    gate = asyncio.Semaphore(concurrency)
    async with httpx.AsyncClient(base_url=url, timeout=30) as client:
        began = time.perf_counter()
        accepted = await asyncio.gather(*(submit(client, n, gate) for n in range(count)))
        submitted_in = time.perf_counter() - began
        flow = await decision_delays(client, [i for i, _, _ in accepted])
        done_in = time.perf_counter() - began
    print(f"{count} requests, {concurrency} in flight")
    print(
        f"accepted in {submitted_in:.2f} s ({count / submitted_in:.0f}/s); all assigned after {done_in:.2f} s"
    )
    print(summary("accept (HTTP 201)", [a for _, _, a in accepted]))
    print(summary("submission → routing decision", flow))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", default="http://127.0.0.1:8001")
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--concurrency", type=int, default=20)
    args = parser.parse_args()
    asyncio.run(main(args.url, args.count, args.concurrency))
