"""The faults, each injected under load: what happens to the stack, not how it is measured."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from tests.faults import infra, kafka
from tests.faults.load import Load
from tests.faults.stack import Stack

JOINED_SECONDS = 8.0
"""How long a second instance works beside the first before it leaves."""
KAFKA_DOWN_SECONDS = 3.0
BURST_TIMES, BURST_SECONDS = 10, 5.0


@dataclass
class Scene:
    stack: Stack
    load: Load
    poisoned: dict[str, set[str]] = field(default_factory=dict)
    consumed: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Every topic a group reads, with the groups (`kafka.consumed`)."""
    replayed: dict[str, int] = field(default_factory=dict)


Inject = Callable[[Scene], Awaitable[None]]


@dataclass(frozen=True)
class Fault:
    name: str
    inject: Inject


async def nothing(scene: Scene) -> None:
    return None


def kill_and_restart(service: str) -> Inject:
    async def inject(scene: Scene) -> None:
        await scene.stack[service].kill()
        await scene.stack[service].restart()

    return inject


async def kafka_stop_start(scene: Scene) -> None:
    await infra.kafka(scene.stack.infra, "stop")
    await asyncio.sleep(KAFKA_DOWN_SECONDS)
    await infra.kafka(scene.stack.infra, "start")


async def postgres_restart(scene: Scene) -> None:
    await infra.postgres("restart")


def second_instance(service: str) -> Inject:
    """A second instance joins the consumer groups (a rebalance), works, and leaves (another)."""

    async def inject(scene: Scene) -> None:
        second = scene.stack[f"{service}-2"]
        await second.start()
        await asyncio.sleep(JOINED_SECONDS)
        await second.stop()

    return inject


async def poison(scene: Scene) -> None:
    scene.consumed = await kafka.consumed(scene.stack.infra.kafka)
    scene.poisoned = await kafka.inject_poison(scene.stack.infra.kafka, scene.load.run, list(scene.consumed))


async def replay(scene: Scene) -> None:
    """Every service stopped, every group back to the earliest offset, every service started:
    everything on every topic is consumed again."""
    first = [scene.stack[name] for name in ("intake", "routing", "notify")]
    await asyncio.gather(*(s.stop() for s in first))
    scene.replayed = await kafka.reset_to_earliest(scene.stack.infra.kafka)
    await asyncio.gather(*(s.restart() for s in first))


async def burst(scene: Scene) -> None:
    count = int(scene.load.rate * BURST_TIMES * BURST_SECONDS)
    await scene.load.burst(count, BURST_SECONDS)


FAULTS = (
    Fault("none (baseline)", nothing),
    Fault("poison on every topic", poison),
    Fault("every group replays from the start", replay),
    Fault("kill -9 intake", kill_and_restart("intake")),
    Fault("kill -9 routing", kill_and_restart("routing")),
    Fault("kill -9 notify", kill_and_restart("notify")),
    Fault("Kafka stop/start", kafka_stop_start),
    Fault("PostgreSQL restart", postgres_restart),
    Fault("second routing joins, leaves", second_instance("routing")),
    Fault("second notify joins, leaves", second_instance("notify")),
    Fault("10x burst", burst),
)
