"""How every consumer consumes: inbox dedupe, effects in one transaction, DLQ, bounded retries.

Offsets are committed only after the handler's transaction commits (`NACK_ON_ERROR`: a failure
seeks back, so the message is delivered again). Poison — a message that can never be processed —
is copied to `<topic>.dlq` through the outbox and then acknowledged, so the partition flows on.
"""

from __future__ import annotations

import asyncio
import logging
import random
import re
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from typing import Any

import asyncpg
from faststream.kafka import KafkaBroker
from faststream.kafka.annotations import KafkaMessage
from faststream.message import StreamMessage
from faststream.middlewares import AckPolicy
from pydantic import ValidationError

from dekat import asyncapi, batches, inbox, outbox, topics
from dekat.db import Connection, Pool
from dekat.events import Envelope
from dekat.metrics import Metrics

log = logging.getLogger(__name__)

Handler = Callable[[Connection, Envelope], Awaitable[None]]

SUPPORTED_VERSION = 1


class Poison(Exception):
    """This message can never be processed, however often it is retried."""


@dataclass(frozen=True)
class Subscription:
    topic: str
    """A topic name, or for `by_topic` a regular expression matching whole topic names."""
    group_id: str
    handlers: dict[str, Handler]
    """Event type → handler; any other type on the topic is poison."""
    namespace: str = ""
    """The prefix `topic` carries on the broker; the outbox adds it again on publish."""
    by_topic: Callable[[str], dict[str, Handler]] | None = None
    """For a pattern subscription: the handlers for the topic a message came from (named
    without the namespace). The topic is a fact the broker vouches for (its ACLs decide who
    may write there), unlike anything in the payload."""

    def handlers_for(self, topic: str) -> dict[str, Handler]:
        if self.by_topic is None:
            return self.handlers
        return self.by_topic(topic.removeprefix(self.namespace))


@dataclass(frozen=True)
class Retry:
    attempts: int = 5
    first_delay: float = 0.1
    max_delay: float = 2.0

    def delay(self, attempt: int) -> float:
        """Exponential backoff with full jitter, capped."""
        return random.uniform(0, min(self.max_delay, self.first_delay * 2**attempt))


def first_problem(error: ValidationError) -> str:
    """Where and what, never the offending value: it may be a citizen's contact detail."""
    e = error.errors(include_input=False, include_url=False)[0]
    return f"{'.'.join(map(str, e['loc'])) or 'body'}: {e['msg']}"


def parse(subscription: Subscription, topic: str, value: bytes | None) -> tuple[Envelope, Handler]:
    try:
        event = Envelope.model_validate_json(value or b"")
    except ValidationError as error:
        raise Poison(f"not an event envelope: {first_problem(error)}") from error
    if event.version > SUPPORTED_VERSION:
        raise Poison(f"unsupported version {event.version} of {event.type}")
    handler = subscription.handlers_for(topic).get(event.type)
    if handler is None:
        raise Poison(f"unexpected event type {event.type!r} on {topic}")
    return event, handler


async def handle_once(pool: Pool, consumer: str, event: Envelope, handler: Handler) -> bool:
    """Run the handler in a transaction with the inbox row; False if already handled."""
    async with pool.acquire() as conn, conn.transaction():
        if not await inbox.first_time(conn, consumer, event.id):
            return False
        try:
            await handler(conn, event)
        except ValidationError as error:
            raise Poison(f"invalid {event.type} data: {first_problem(error)}") from error
        except asyncpg.DataError as error:  # a value PostgreSQL will never accept
            raise Poison(f"unstorable {event.type} data: {error}") from error
        return True


async def park(pool: Pool, subscription: Subscription, record: Any, error: Poison) -> None:
    """Copy the original to `<topic>.dlq` with error headers; idempotent per offset."""
    origin = f"{record.topic}:{record.partition}:{record.offset}:{subscription.group_id}"
    original_topic = record.topic.removeprefix(subscription.namespace)
    headers = {
        **{name: value.decode(errors="replace") for name, value in record.headers},
        "x-error": str(error)[:1000],
        "x-orig-topic": original_topic,
        "x-orig-partition": str(record.partition),
        "x-orig-offset": str(record.offset),
        "x-consumer-group": subscription.group_id,
    }
    async with pool.acquire() as conn:
        await outbox.enqueue_raw(
            conn,
            topics.dlq(original_topic),
            record.key,
            record.value or b"",
            headers,
            event_id=uuid.uuid5(uuid.NAMESPACE_URL, origin),
        )


async def process(
    pool: Pool, subscription: Subscription, record: Any, metrics: Metrics, retry: Retry
) -> None:
    for attempt in range(retry.attempts):
        try:
            await _process_once(pool, subscription, record, metrics)
            return
        except Exception as error:
            if attempt + 1 == retry.attempts:
                raise  # NACK: seek back, Kafka delivers it again
            metrics.handler_retries.labels(subscription.group_id).inc()
            # the type only: a message could quote the data, and the data may be a citizen's contact
            log.warning(
                "retrying after %s",
                type(error).__name__,
                extra={"consumer": subscription.group_id, "topic": record.topic},
            )
            await asyncio.sleep(retry.delay(attempt))


async def _process_once(pool: Pool, subscription: Subscription, record: Any, metrics: Metrics) -> None:
    try:
        event, handler = parse(subscription, record.topic, record.value)
        if not await handle_once(pool, subscription.group_id, event, handler):
            metrics.inbox_duplicates.labels(subscription.group_id).inc()
            log.info(
                "event duplicate",
                extra={
                    "request_id": event.subject,
                    "correlation_id": event.correlation_id,
                    "event_id": event.id,
                    "consumer": subscription.group_id,
                },
            )
    except Poison as error:
        log.error(
            "parking poison message: %s",
            error,
            extra={"topic": record.topic, "consumer": subscription.group_id},
        )
        await park(pool, subscription, record, error)
        metrics.dlq_messages.labels(record.topic).inc()


async def raw_body(message: StreamMessage[Any]) -> bytes:
    """Hand the handler the bytes as they came; parsing is ours, so poison can be parked."""
    return message.body


def subscribe(
    broker: KafkaBroker,
    subscription: Subscription,
    *,
    pool: Callable[[], Pool],
    metrics: Metrics,
    retry: Retry = Retry(),
    ack_policy: AckPolicy = AckPolicy.NACK_ON_ERROR,
    namespace: str = "",
    workers: int = 1,
) -> Any:
    """Register `subscription` on `broker` with Dekat's delivery rules; the FastStream subscriber
    (one registered after the broker started runs once its `start()` is awaited).

    With Dekat's policy (`NACK_ON_ERROR`) it consumes in batches (see `dekat.batches`): the
    partitions of a batch are handled concurrently, each one still in order. With another policy,
    `workers` > 1 consumers of the group share the topic's partitions inside this process.
    """
    pattern = subscription.by_topic is not None
    documented = asyncapi.documented_consumer(broker, subscription.topic, pattern=pattern)
    subscription = replace(
        subscription,
        topic=(re.escape(namespace) if pattern else namespace) + subscription.topic,
        group_id=namespace + subscription.group_id,
        namespace=namespace,
    )

    async def consume(body: bytes, message: KafkaMessage) -> None:
        await process(pool(), subscription, message.raw_message, metrics, retry)

    async def consume_batch(body: list[bytes], message: KafkaMessage) -> None:
        async def one(record: Any) -> None:
            await process(pool(), subscription, record, metrics, retry)

        await batches.process_batch(message.raw_message, one)

    consume.__annotations__["body"] = documented.body
    consume_batch.__annotations__["body"] = documented.body  # what each message of a batch is

    subscriber: Any
    if pattern:  # FastStream refuses concurrent workers on a pattern
        subscriber = broker.subscriber(
            pattern=f"^{subscription.topic}$",
            group_id=subscription.group_id,
            ack_policy=ack_policy,
            auto_offset_reset="earliest",
            decoder=raw_body,
            **documented.options,
        )
        subscriber(consume)
        return subscriber
    if ack_policy is AckPolicy.NACK_ON_ERROR:  # ours: committed after the work, so a batch is safe
        subscriber = broker.subscriber(
            subscription.topic,
            group_id=subscription.group_id,
            ack_policy=ack_policy,
            auto_offset_reset="earliest",
            decoder=raw_body,
            batch=True,
            max_records=batches.MAX_RECORDS,
            batch_timeout_ms=batches.WAIT_MS,
            **documented.options,
        )
        subscriber(consume_batch)
        return subscriber
    # any other policy (the tests show what FastStream's default loses): as is
    subscriber = broker.subscriber(
        subscription.topic,
        group_id=subscription.group_id,
        ack_policy=ack_policy,
        auto_offset_reset="earliest",
        decoder=raw_body,
        max_workers=workers,
        **documented.options,
    )
    subscriber(consume)
    return subscriber
