"""How the public side copes with a million requests: intake streams the open data without holding
it (time, bytes and the process's peak memory), and computes the published figures (time).

    python -m bench.open_data [--rows 1000000]

Fills a throwaway database's projection with `--rows` requests (a survey answer for one in ten),
starts intake on it alone, and reads `/open-data/requests.csv` and `.json` as a client would.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys
import time
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
from dekat import db, topic_admin

from bench import procs
from bench.stacks import KAFKA, ROOT, create_databases, dekat_env, drop_databases, spawn, wait_ready

PORT = 28097
FILL = """
INSERT INTO public_requests (request_id, service_code, origin, privacy, kelurahan, kecamatan, lat, long,
    description, submitted_at, status, status_seq, agency_code, urgent, first_assigned_at, assigned_at,
    acknowledge_by, resolve_by, acknowledged_at, resolved_at, reopened, escalated, merged, assignments,
    hours_to_assign, hours_to_acknowledge, hours_to_resolve, calendar_revision)
SELECT gen_random_uuid(),
    (ARRAY['pothole','blocked-drain','no-water-supply','streetlight-out'])[1 + i % 4], 'web',
    CASE WHEN i % 5 = 0 THEN 'confidential' ELSE 'public' END, 'kel-menteng', 'kec-menteng', -6.195, 106.835,
    'Lubang di jalan nomor ' || i, t, 'resolved', 3,
    (ARRAY['dinas-bina-marga','dinas-sda','pam-jaya','pln-jakarta'])[1 + i % 4], false,
    t + interval '6 minutes', t + interval '6 minutes', t + interval '4 hours', t + interval '2 days',
    t + interval '2 hours', t + interval '1 day', (i % 30 = 0)::int, (i % 20 = 0)::int, false,
    jsonb_build_array(jsonb_build_object('agency', 'dinas-bina-marga', 'at', t, 'bounced', false)),
    0.1, 1.9, 7.0 + i % 10, 1
FROM (SELECT i, now() - (i % 365) * interval '1 day' - (i % 1440) * interval '1 minute' AS t
      FROM generate_series(1, $1) AS i) s
"""
ANSWERS = """
INSERT INTO public_surveys (request_id, reporter_id, answers, answered_at, event_id)
SELECT request_id, gen_random_uuid(), '{"requirements": 4, "procedure": 3, "time": 3, "cost": null,
    "product": 4, "competence": 4, "conduct": 4, "complaints": 3, "facilities": 3}', resolved_at,
    gen_random_uuid()
FROM public_requests WHERE hashtext(request_id::text) % 10 = 0
"""
AGENCIES = """
INSERT INTO public_agencies (code, name, kind, calendar, on_call, revision)
SELECT c, initcap(replace(c, '-', ' ')), 'government', '{"timezone": "Asia/Jakarta"}', 'false', 1
FROM unnest(ARRAY['dinas-bina-marga','dinas-sda','pam-jaya','pln-jakarta']) AS c
"""


async def filled(dsn: str, rows: int) -> float:
    started = time.perf_counter()
    pool = await db.create_pool(dsn)
    try:
        await db.migrate(pool, ["dekat", "dekat.accounts", "intake"])
        async with pool.acquire() as conn:
            await conn.execute(FILL, rows)
            await conn.execute(ANSWERS)
            await conn.execute(AGENCIES)
            await conn.execute("ANALYZE")
    finally:
        await pool.close()
    return time.perf_counter() - started


@contextlib.asynccontextmanager
async def intake(dsn: str, logs: Path) -> AsyncIterator[asyncio.subprocess.Process]:
    namespace = f"bench-od-{uuid.uuid4().hex[:6]}."
    env = {**dekat_env("intake", dsn, namespace, PORT), "DEKAT_PUBLIC_PROJECTION": "false"}
    process = await spawn("intake", [sys.executable, "-m", "intake"], env, logs)
    try:
        await wait_ready(f"http://127.0.0.1:{PORT}", process)
        yield process
    finally:
        if process.returncode is None:
            process.terminate()
        await process.wait()
        await topic_admin.delete_topics(KAFKA, namespace)


async def peak_rss(pid: int, done: asyncio.Event) -> int:
    """The largest resident set of the process and its children while `done` is not set."""
    peak = 0
    while not done.is_set():
        found = [p for p in (procs.read(q) for q in [pid, *children(pid)]) if p]
        peak = max(peak, sum(p.rss_bytes for p in found))
        await asyncio.sleep(0.1)
    return peak


def children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(c) for c in path.read_text().split()] if path.exists() else []


async def export(client: httpx.AsyncClient, path: str, pid: int) -> str:
    done = asyncio.Event()
    watching = asyncio.create_task(peak_rss(pid, done))
    started, size, lines, first = time.perf_counter(), 0, 0, 0.0
    async with client.stream("GET", path) as response:
        async for chunk in response.aiter_bytes():
            first = first or time.perf_counter() - started
            size += len(chunk)
            lines += chunk.count(b"\n")
    took = time.perf_counter() - started
    done.set()
    peak = await watching
    return (
        f"{path}: {size / 1e6:.0f} MB, {lines} lines in {took:.1f} s ({lines / took:,.0f} lines/s),"
        f" first byte after {first * 1000:.0f} ms, intake's peak RSS {peak / 1e6:.0f} MB"
    )


async def figures(client: httpx.AsyncClient) -> str:
    started = time.perf_counter()
    async with asyncio.timeout(1800):
        while (await client.get("/v1/public/agencies")).status_code != 200:
            await asyncio.sleep(0.5)
    return f"first published figures after {time.perf_counter() - started:.1f} s (from ready)"


async def main(rows: int) -> None:
    name = f"bench_od_{uuid.uuid4().hex[:8]}"
    (dsn,) = (await create_databases([name])).values()
    logs = ROOT / ".run" / "bench-open-data"
    logs.mkdir(parents=True, exist_ok=True)
    try:
        print(f"{rows} requests filled in {await filled(dsn, rows):.0f} s")
        async with (
            intake(dsn, logs) as process,
            httpx.AsyncClient(base_url=f"http://127.0.0.1:{PORT}", timeout=600) as client,
        ):
            print(await figures(client))
            rest = procs.read(process.pid)
            print(f"intake's RSS at rest {(rest.rss_bytes if rest else 0) / 1e6:.0f} MB")
            for path in ("/open-data/requests.csv", "/open-data/requests.json", "/open-data/daily.csv"):
                print(await export(client, path, process.pid))
            page = await client.get("/publik")
            print(f"/publik: {len(page.content)} bytes")
    finally:
        await drop_databases([name])


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    asyncio.run(main(parser.parse_args().rows))
