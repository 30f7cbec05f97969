"""The load generator: wrk (from Debian) with load.lua, at a fixed rate or as fast as it goes."""

from __future__ import annotations

import asyncio
import json
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SCRIPT = Path(__file__).with_name("load.lua")
THREADS = 2


@dataclass(frozen=True)
class Load:
    seconds: int
    rate: int
    """Requests per second; 0: as fast as `connections` closed loops go."""
    connections: int


@dataclass(frozen=True)
class Response:
    at: float
    """Seconds since the epoch."""
    status: int
    request_id: str


@dataclass(frozen=True)
class Generated:
    started: float
    stopped: float
    responses: list[Response]
    summary: dict[str, Any]
    """wrk's own count, errors and latency histogram (µs)."""


def wrk() -> str:
    found = shutil.which("wrk")
    if found is None:
        raise RuntimeError("wrk is not installed: `make bench` installs it (apt-get install wrk)")
    return found


def responses(out: Path) -> list[Response]:
    found = []
    for path in sorted(out.glob("responses-*.tsv")):
        for line in path.read_text().splitlines():
            at, status, request_id = line.split("\t")
            found.append(Response(int(at) / 1e6, int(status), request_id))
    return sorted(found, key=lambda r: r.at)


async def generate(url: str, load: Load, out: Path) -> Generated:
    """Run wrk against `url` into `out` (an existing directory)."""
    argv = [wrk(), f"-t{THREADS}", f"-c{load.connections}", f"-d{load.seconds}s", "--timeout", "10s"]
    env = {"BENCH_RATE": str(load.rate), "BENCH_THREADS": str(THREADS), "BENCH_OUT": str(out)}
    started = time.time()
    process = await asyncio.create_subprocess_exec(
        *argv,
        "-s",
        str(SCRIPT),
        f"{url}/v1/requests",
        env=env,
        stdout=(out / "wrk.txt").open("wb"),
        stderr=asyncio.subprocess.STDOUT,
    )
    await process.wait()
    stopped = time.time()
    summary = json.loads((out / "summary.json").read_text())
    return Generated(started, stopped, responses(out), summary)
