"""The inbox: a consumer's effects happen once per event id, whatever Kafka redelivers."""

from __future__ import annotations

from uuid import UUID

from dekat.db import Connection


async def first_time(conn: Connection, consumer: str, event_id: UUID) -> bool:
    """Record that `consumer` handles `event_id`; False if it already did.

    Call inside the transaction that holds the effects, so both commit or neither does.
    """
    status: str = await conn.execute(
        "INSERT INTO inbox (consumer, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        consumer,
        event_id,
    )
    return status == "INSERT 0 1"
