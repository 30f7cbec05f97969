"""A consumer process that dies mid-stream: `python -m tests.integration.crashing_consumer`.

Arguments: DSN BOOTSTRAP TOPIC ACK_POLICY [CRASH_AT]; credentials from the `DEKAT_KAFKA_*` settings.
With CRASH_AT it handles events in order and, on the event numbered CRASH_AT, stalls past Kafka's
auto-commit interval (5 s) and then exits hard, before that event's effects are committed, as a killed
process would.
"""

from __future__ import annotations

import asyncio
import os
import sys
from dataclasses import replace

from dekat.db import Connection
from dekat.events import Envelope
from faststream.middlewares import AckPolicy

from tests.conftest import KAFKA
from tests.integration.effects import consuming, record_effect

STALL_SECONDS = 6.5


def crashing_at(crash_at: int | None) -> object:
    async def handle(conn: Connection, event: Envelope) -> None:
        if event.data["n"] == crash_at:
            await asyncio.sleep(STALL_SECONDS)
            os._exit(17)
        await record_effect(conn, event)

    return handle


async def main(dsn: str, bootstrap: str, topic: str, policy: str, crash_at: int | None) -> None:
    kafka = replace(KAFKA, bootstrap=bootstrap)
    async with consuming(dsn, kafka, topic, crashing_at(crash_at), ack_policy=AckPolicy(policy)):  # type: ignore[arg-type]
        await asyncio.Event().wait()


if __name__ == "__main__":
    dsn, bootstrap, topic, policy, *rest = sys.argv[1:]
    asyncio.run(main(dsn, bootstrap, topic, policy, int(rest[0]) if rest else None))
