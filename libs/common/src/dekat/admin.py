"""Topics are created up front with explicit partition counts; nothing relies on auto-creation.

`python -m dekat.admin` creates every topic of DESIGN.md and its DLQ.
"""

from __future__ import annotations

import asyncio
import sys

from aiokafka.admin import AIOKafkaAdminClient, NewTopic

from dekat import topics


async def ensure_topics(bootstrap: str, names: list[str], partitions: int = topics.PARTITIONS) -> list[str]:
    """Create whichever of `names` do not exist yet; returns the ones created now."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=10_000)
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        missing = [name for name in dict.fromkeys(names) if name not in existing]
        if missing:
            await admin.create_topics(
                [NewTopic(name, num_partitions=partitions, replication_factor=1) for name in missing]
            )
        return missing
    finally:
        await admin.close()


def main() -> None:
    bootstrap = sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1:9092"
    created = asyncio.run(ensure_topics(bootstrap, topics.with_dlqs(list(topics.REQUEST_TOPICS))))
    print(f"[topics] created {len(created)}: {' '.join(created) or '(all existed)'}")


if __name__ == "__main__":
    main()
