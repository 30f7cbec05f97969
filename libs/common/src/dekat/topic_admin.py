"""Topics are created up front with explicit partition counts; nothing relies on auto-creation.

`python -m dekat.topic_admin [bootstrap]` creates every topic of docs/design.md and its DLQ, as the
principal of the `DEKAT_KAFKA_*` settings (locally the super-user).
"""

from __future__ import annotations

import asyncio
import sys

from aiokafka.admin import AIOKafkaAdminClient, NewTopic

from dekat import topics
from dekat.clients import Kafka
from dekat.settings import CommonSettings

NO_ERROR, TOPIC_ALREADY_EXISTS = 0, 36  # another service may create the same topic at the same moment


async def delete_topics(kafka: Kafka, prefix: str) -> None:
    """Delete every topic whose name starts with `prefix` (a test stack's namespace)."""
    admin = AIOKafkaAdminClient(**kafka.aiokafka(), request_timeout_ms=10_000)
    await admin.start()
    try:
        doomed = [name for name in await admin.list_topics() if name.startswith(prefix)]
        if doomed:
            await admin.delete_topics(doomed)
    finally:
        await admin.close()


async def ensure_topics(kafka: Kafka, names: list[str], partitions: int = topics.PARTITIONS) -> list[str]:
    """Create whichever of `names` do not exist yet; returns the ones created now.

    The principal sees only the topics it may describe, and may create only its own.
    """
    admin = AIOKafkaAdminClient(**kafka.aiokafka(), request_timeout_ms=10_000)
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
    settings = CommonSettings()
    if len(sys.argv) > 1:
        settings.kafka_bootstrap = sys.argv[1]
    names = topics.with_dlqs([settings.namespace + t for t in topics.REQUEST_TOPICS])
    created = asyncio.run(ensure_topics(Kafka.of(settings), names))
    print(f"[topics] created {len(created)}: {' '.join(created) or '(all existed)'}")


if __name__ == "__main__":
    main()
