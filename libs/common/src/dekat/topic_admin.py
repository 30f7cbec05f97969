"""Topics are created up front with explicit partition counts; nothing relies on auto-creation.

`python -m dekat.topic_admin` creates every topic of docs/design.md and its DLQ.
"""

from __future__ import annotations

import asyncio
import sys

from aiokafka.admin import AIOKafkaAdminClient, NewTopic

from dekat import topics

NO_ERROR, TOPIC_ALREADY_EXISTS = 0, 36  # another service may create the same topic at the same moment


async def delete_topics(bootstrap: str, prefix: str) -> None:
    """Delete every topic whose name starts with `prefix` (a test stack's namespace)."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=10_000)
    await admin.start()
    try:
        doomed = [name for name in await admin.list_topics() if name.startswith(prefix)]
        if doomed:
            await admin.delete_topics(doomed)
    finally:
        await admin.close()


async def ensure_topics(bootstrap: str, names: list[str], partitions: int = topics.PARTITIONS) -> list[str]:
    """Create whichever of `names` do not exist yet; returns the ones created now."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=10_000)
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        missing = [name for name in dict.fromkeys(names) if name not in existing]
        if missing:
            response = await admin.create_topics(
                [NewTopic(name, num_partitions=partitions, replication_factor=1) for name in missing]
            )
            failed = [e for e in response.topic_errors if e[1] not in (NO_ERROR, TOPIC_ALREADY_EXISTS)]
            if failed:
                raise RuntimeError(f"could not create topics: {failed}")
        return missing
    finally:
        await admin.close()


def main() -> None:
    bootstrap = sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1:9092"
    created = asyncio.run(ensure_topics(bootstrap, topics.with_dlqs(list(topics.REQUEST_TOPICS))))
    print(f"[topics] created {len(created)}: {' '.join(created) or '(all existed)'}")


if __name__ == "__main__":
    main()
