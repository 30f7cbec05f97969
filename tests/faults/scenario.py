"""One run of the fault suite: steady load, each fault in turn, and the ledger after each.

A fault's requests are those sent from the start of its phase until shortly after it was
injected; its recovery is the time from the injection until every one of them is delivered
(work item at the agency, every message at the citizen). The next phase starts then.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

from dekat.clients import Kafka

from tests.faults import infra, kafka, ledger
from tests.faults.agency import Agencies
from tests.faults.faults import FAULTS, Scene
from tests.faults.ledger import Observer, Verdict
from tests.faults.load import Load, Sent
from tests.faults.stack import NOTIFY_URL, Stack, stack_of

RATE = 2.0
"""Requests per second: modest, so that the suite is reliable on a small shared machine."""
BEFORE_SECONDS, AFTER_SECONDS = 3.0, 3.0
RECOVERY_TIMEOUT = 45.0


@dataclass
class Phase:
    fault: str
    injected: float = 0.0
    recovered: float | None = None

    @property
    def recovery(self) -> float | None:
        return None if self.recovered is None else self.recovered - self.injected


@dataclass
class Run:
    phases: list[Phase] = field(default_factory=list)
    sent: list[Sent] = field(default_factory=list)
    verdicts: dict[int, Verdict] = field(default_factory=dict)
    poisoned: dict[str, set[str]] = field(default_factory=dict)
    consumed: dict[str, tuple[str, ...]] = field(default_factory=dict)
    parked: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    replayed: dict[str, int] = field(default_factory=dict)
    lag: dict[str, int] = field(default_factory=dict)
    ready: dict[str, bool] = field(default_factory=dict)
    seconds: float = 0.0


def settled(s: Sent) -> bool:
    return s.acknowledged is not None or (s.answers and s.answers[-1] not in (0, 429, 503)) or False


def delivered(requests: list[Sent], world: ledger.World) -> bool:
    """Every request answered for good, and every acknowledged one delivered."""
    if not all(settled(s) for s in requests):
        return False
    return all(ledger.verdict(s, world).delivered for s in requests if s.acknowledged is not None)


async def until_delivered(observer: Observer, requests: list[Sent], timeout: float) -> float | None:
    """When all of `requests` were delivered (monotonic time), or None after `timeout`."""
    with contextlib.suppress(TimeoutError):
        async with asyncio.timeout(timeout):
            while not delivered(requests, await observer.refresh()):
                await asyncio.sleep(0.5)
            return time.monotonic()
    return None


async def phases(scene: Scene, observer: Observer, run: Run) -> None:
    for i, fault in enumerate(FAULTS):
        infra.progress(f"{fault.name}: {len(scene.load.sent)} sent so far")
        scene.load.phase = fault.name
        phase = Phase(fault.name)
        run.phases.append(phase)
        await asyncio.sleep(BEFORE_SECONDS)
        phase.injected = time.monotonic()
        await fault.inject(scene)
        await asyncio.sleep(AFTER_SECONDS)
        scene.load.phase = FAULTS[i + 1].name if i + 1 < len(FAULTS) else "cool-down"
        phase.recovered = await until_delivered(observer, scene.load.of(fault.name), RECOVERY_TIMEOUT)
        infra.progress(f"{fault.name}: recovered after {phase.recovery} s")


async def ready(stack: Stack) -> dict[str, bool]:
    import httpx

    found = {}
    async with httpx.AsyncClient(timeout=5) as client:
        for s in stack.running():
            with contextlib.suppress(httpx.HTTPError):
                found[s.name] = (await client.get(f"{s.url}/health/ready")).status_code == 200
            found.setdefault(s.name, False)
    return found


async def until_caught_up(broker: Kafka, timeout: float = 60) -> dict[str, int]:
    lags: dict[str, int] = {}
    with contextlib.suppress(TimeoutError):
        async with asyncio.timeout(timeout):
            while not lags or any(lags.values()):
                with contextlib.suppress(Exception):
                    lags = await kafka.lag(broker)
                await asyncio.sleep(1)
    return lags


async def finish(scene: Scene, observer: Observer, run: Run, agencies: Agencies) -> None:
    """After the last fault: every request answered and delivered (or given up on), then the books."""
    await scene.load.settle()
    with contextlib.suppress(TimeoutError):
        await agencies.settle(RECOVERY_TIMEOUT)
    await until_delivered(observer, scene.load.sent, RECOVERY_TIMEOUT)
    world = await observer.refresh()
    run.sent = scene.load.sent
    run.verdicts = {s.n: ledger.verdict(s, world) for s in run.sent if s.acknowledged is not None}
    run.poisoned, run.replayed, run.consumed = scene.poisoned, scene.replayed, scene.consumed
    run.lag = await until_caught_up(scene.stack.infra.kafka)
    run.parked = await kafka.parked(scene.stack.infra.kafka, list(scene.poisoned))
    run.ready = await ready(scene.stack)


@contextlib.asynccontextmanager
async def running(tmp: Path) -> AsyncIterator[Stack]:
    infra.progress("starting the suite's PostgreSQL, Kafka, sink and provider")
    async with infra.infrastructure(tmp, NOTIFY_URL) as i:
        stack = await stack_of(i, tmp)
        try:
            infra.progress("starting intake, routing, notify")
            await asyncio.gather(*(stack[name].start() for name in ("intake", "routing", "notify")))
            infra.progress("the stack is ready")
            yield stack
        finally:
            await stack.stop()


async def fault_suite(tmp: Path) -> Run:
    started, run = time.monotonic(), Run()
    async with running(tmp) as stack:
        observer = Observer(stack.infra.kafka, stack.infra.maildir, stack.infra.provider_url)
        await observer.start()
        load = Load(stack["intake"].url, RATE)
        agencies = Agencies(stack["routing"].url, observer, load.sent)
        steady, acting = asyncio.create_task(load.steady()), asyncio.create_task(agencies.run())
        scene = Scene(stack, load)
        try:
            await phases(scene, observer, run)
            steady.cancel()
            await finish(scene, observer, run, agencies)
        finally:
            steady.cancel()
            acting.cancel()
            await load.close()
            await agencies.close()
            await observer.stop()
    run.seconds = time.monotonic() - started
    return run
