"""`python -m bench.run`: Dekat and the bare pipeline under the same load, one after the other.

For each system (and Dekat's scale-out shapes): a fixed-rate run, then a maximum-rate run, each
followed by a drain until every accepted request's work item and email arrived (or a timeout).
Results go to `--out` as JSON, Markdown and a plot.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import re
import tempfile
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import asyncpg

from bench import figures, load, procs, profiles, report, stacks
from bench.load import Load
from bench.observe import DESCRIPTION, Lag, Mail, WorkItems, sighting_key
from bench.stacks import KAFKA, Shape, Stack

KAFKA_PORT = int(KAFKA.bootstrap.rsplit(":", 1)[1])
PG_PORT = 5432

StackFactory = Callable[[Path], contextlib.AbstractAsyncContextManager[Stack]]


@dataclass(frozen=True)
class Plan:
    fixed: Load
    maximum: Load
    drain_seconds: float
    systems: list[tuple[str, StackFactory]]
    profile: bool = False
    modes: tuple[str, ...] = ("fixed", "max")


def dekat(shape: Shape) -> StackFactory:
    return lambda logs: stacks.dekat(shape, logs)


def plan_of(args: argparse.Namespace) -> Plan:
    systems: list[tuple[str, StackFactory]] = [
        ("dekat", dekat(Shape())),
        ("bare", stacks.bare_pipeline),
    ]
    if not args.smoke:
        systems += [
            ("dekat, 2 intake workers", dekat(Shape(intake_workers=2))),
            ("dekat, 2 routing + 2 notify", dekat(Shape(routing=2, notify=2))),
        ]
    if args.baseline:
        source = stacks.checkout(args.baseline, Path(".run/bench-checkouts"))
        systems.insert(1, (f"dekat @{args.baseline}", dekat(Shape(source=source))))
    wanted = [s for s in systems if not args.only or s[0] in args.only]
    if args.smoke:
        return Plan(Load(3, 20, 8), Load(3, 0, 8), 45, wanted)
    return Plan(
        Load(args.seconds, args.rate, args.connections),
        Load(args.max_seconds, 0, args.max_connections),
        args.drain,
        wanted,
        args.profile,
        tuple(args.modes),
    )


def resource_groups(stack: Stack, sink: int) -> dict[str, procs.Members]:
    groups = {role: procs.tree([p.pid for p in ps]) for role, ps in stack.processes.items()}
    databases = [procs.matching("postgres:", name) for name in stack.databases]
    return {
        **groups,
        "kafka": procs.tree([pid for pid in [procs.listener(KAFKA_PORT)] if pid]),
        "postgresql (this run's backends)": procs.any_of(*databases),
        "postgresql (whole server)": procs.tree([pid for pid in [procs.listener(PG_PORT)] if pid]),
        "smtp sink": procs.tree([sink]),
        "wrk": procs.matching("wrk", "load.lua"),
        "bench (observing)": lambda found: {os.getpid()},
    }


async def bench_keys(stack: Stack) -> tuple[dict[str, str], dict[str, int]]:
    """Request id → bench key, and bench key → µs sent, from the system's own requests table."""
    conn = await asyncpg.connect(stack.requests_db)
    try:
        rows = await conn.fetch("SELECT id::text AS id, description FROM requests")
    finally:
        await conn.close()
    key_of, sent_at = {}, {}
    for row in rows:
        if found := DESCRIPTION.search(row["description"]):
            key = sighting_key(found[1], found[2], found[3])
            key_of[row["id"]], sent_at[key] = key, int(found[1])
    return key_of, sent_at


@contextlib.asynccontextmanager
async def background(*jobs: Awaitable[None]) -> AsyncIterator[None]:
    tasks = [asyncio.ensure_future(job) for job in jobs]
    try:
        yield
    finally:
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(BaseException):
                await task


async def drain(
    accepted: int, items: WorkItems, mail: Mail, lag: Lag, timeout: float
) -> dict[str, float | int | None]:
    """Wait until every accepted request reached the agency topic and its citizen, or `timeout`."""
    stopped = time.time()
    lag_at_end = await lag.measure()
    lag_zero_after = None
    while time.time() - stopped < timeout:
        mail.poll()
        now_lag = await lag.measure()
        if lag_zero_after is None and now_lag == 0:
            lag_zero_after = round(time.time() - stopped, 1)
        if now_lag == 0 and len(items.seen) >= accepted and len(mail.seen) >= accepted:
            break
        await asyncio.sleep(1)
    during = [n for at, n in lag.samples if at <= stopped]
    return {
        "at_load_end": lag_at_end,
        "max_during_load": max(during, default=0),
        "back_to_zero_after_s": lag_zero_after,
        "drained_after_s": round(time.time() - stopped, 1),
    }


async def measure(
    stack: Stack, what: Load, out: Path, maildir: Path, sink: int, drain_s: float, *, profile: bool
) -> dict[str, Any]:
    sampler = procs.Sampler(resource_groups(stack, sink))
    items = WorkItems(KAFKA, stack.agency_topics)
    mail = Mail(maildir)
    lag = Lag(KAFKA, stack.groups)

    async def poll_mail() -> None:
        while True:
            mail.poll()
            await asyncio.sleep(1)

    async with background(sampler.run(), items.run(), lag.run(), poll_mail()):
        roles = {role: [p.pid for p in ps] for role, ps in stack.processes.items()}
        profiling = profiles.record(roles, max(what.seconds - 4, 1), out) if profile else asyncio.sleep(0)
        generated, _ = await asyncio.gather(load.generate(stack.url, what, out), profiling)
        accepted = sum(1 for r in generated.responses if r.status == 201)
        lag_figures = await drain(accepted, items, mail, lag, drain_s)
    mail.poll()
    mail.clear()
    key_of, sent_at = await bench_keys(stack)
    found = figures.summarize(generated, key_of, sent_at, items.seen, mail.seen)
    return {
        "load": {"seconds": what.seconds, "rate": what.rate, "connections": what.connections},
        **found,
        "lag": lag_figures,
        "resources": sampler.result(),
    }


async def run_system(
    name: str, factory: StackFactory, plan: Plan, out: Path, maildir: Path, sink: int
) -> dict[str, Any]:
    """Each mode on a stack of its own: empty databases, no backlog left by the run before."""
    logs = out / "logs" / re.sub(r"\W+", "-", name)
    results: dict[str, Any] = {"system": name}
    for mode, what in (("fixed", plan.fixed), ("max", plan.maximum)):
        if mode not in plan.modes:
            continue
        (logs / mode).mkdir(parents=True, exist_ok=True)
        async with factory(logs / mode) as stack:
            print(f"[bench] {name}: {mode} ({what.rate or 'max'} req/s, {what.seconds} s)", flush=True)
            profile = plan.profile and mode == "max"
            results[mode] = await measure(
                stack, what, logs / mode, maildir, sink, plan.drain_seconds, profile=profile
            )
            print(f"[bench]   {report.one_line(results[mode])}", flush=True)
    return results


async def main(args: argparse.Namespace) -> None:
    plan = plan_of(args)
    out: Path = args.out
    maildir = Path(args.maildir) / f"bench-{os.getpid()}"
    runs = []
    async with stacks.smtp_sink(maildir, out / "logs") as sink:
        for name, factory in plan.systems:
            runs.append(await run_system(name, factory, plan, out, maildir, sink.pid))
    written = report.write(runs, out, smoke=args.smoke)
    print(f"[bench] results: {', '.join(str(p) for p in written)}")


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rate", type=int, default=200, help="fixed-rate run: requests per second")
    parser.add_argument("--seconds", type=int, default=60, help="fixed-rate run: duration")
    parser.add_argument("--connections", type=int, default=64, help="fixed-rate run: connections")
    parser.add_argument("--max-seconds", type=int, default=30, help="maximum-rate run: duration")
    parser.add_argument("--max-connections", type=int, default=32, help="maximum-rate run: connections")
    parser.add_argument("--drain", type=float, default=120, help="seconds to wait for the backlog")
    parser.add_argument("--only", nargs="*", help="systems to run, by name (default: all)")
    parser.add_argument("--baseline", help="also run this git ref of Dekat (e.g. main), for before/after")
    parser.add_argument("--modes", nargs="*", default=["fixed", "max"], help="fixed, max or both")
    parser.add_argument("--profile", action="store_true", help="py-spy every service in the max run")
    parser.add_argument("--smoke", action="store_true", help="a few seconds each: proves the bench works")
    parser.add_argument("--out", type=Path, default=Path("bench/results"))
    tmpfs = "/dev/shm"  # noqa: S108  (the sink fsyncs every message: free on tmpfs)
    parser.add_argument("--maildir", default=tmpfs if Path(tmpfs).is_dir() else tempfile.gettempdir())
    return parser.parse_args()


if __name__ == "__main__":
    options = arguments()
    (options.out / "logs").mkdir(parents=True, exist_ok=True)
    asyncio.run(main(options))
