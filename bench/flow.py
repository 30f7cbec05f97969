"""Benchmark: how fast requests flow through a running stack (`make up` first, then `make bench`).

Submits N requests with C in flight, then measures: HTTP accept latency at intake, and the time
from submission until intake's read model shows the assignment (HTTP → intake outbox → Kafka →
routing → outbox → Kafka → intake). Numbers go in notes; nothing here asserts a speed.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
import uuid
from typing import Any

import httpx


def body(n: int) -> dict[str, Any]:
    return {
        "service_code": ["pothole", "blocked-drain", "water-main-break", "missed-waste-pickup"][n % 4],
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


async def assigned_after(client: httpx.AsyncClient, request_id: str, started: float) -> float:
    while True:
        view = (await client.get(f"/v1/requests/{request_id}")).json()
        if view["status"] != "received":
            return time.perf_counter() - started
        await asyncio.sleep(0.05)


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
        flow = await asyncio.gather(*(assigned_after(client, i, s) for i, s, _ in accepted))
        done_in = time.perf_counter() - began
    print(f"{count} requests, {concurrency} in flight")
    print(
        f"accepted in {submitted_in:.2f} s ({count / submitted_in:.0f}/s); all assigned after {done_in:.2f} s"
    )
    print(summary("accept (HTTP 201)", [a for _, _, a in accepted]))
    print(summary("submission → assigned", flow))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", default="http://127.0.0.1:8001")
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--concurrency", type=int, default=20)
    args = parser.parse_args()
    asyncio.run(main(args.url, args.count, args.concurrency))
