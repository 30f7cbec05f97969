"""Kafka clients acting as one principal, for proving what it may and may not do."""

from __future__ import annotations

import asyncio

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from dekat.clients import Kafka

AUTH_TIMEOUT_S = 30


async def first_value(kafka: Kafka, topic: str, group: str) -> bytes:
    """The first message on `topic`, read in consumer group `group` (authorisation errors raised)."""
    consumer = AIOKafkaConsumer(topic, **kafka.aiokafka(), group_id=group, auto_offset_reset="earliest")
    try:
        await consumer.start()
        message = await asyncio.wait_for(consumer.getone(), AUTH_TIMEOUT_S)
        return message.value or b""
    finally:
        await consumer.stop()


async def send(kafka: Kafka, topic: str, value: bytes, key: bytes | None = None) -> None:
    """Produce one message and wait for the broker's answer (authorisation errors raised)."""
    producer = AIOKafkaProducer(**kafka.aiokafka(), enable_idempotence=True)
    try:
        await producer.start()
        await asyncio.wait_for(producer.send_and_wait(topic, value, key=key), AUTH_TIMEOUT_S)
    finally:
        await producer.stop()


async def connects(kafka: Kafka) -> bool:
    """Whether the broker lets this client in at all (TLS handshake and SASL authentication)."""
    producer = AIOKafkaProducer(**kafka.aiokafka(), request_timeout_ms=5000)
    try:
        await asyncio.wait_for(producer.start(), AUTH_TIMEOUT_S)
        return True
    except Exception:
        return False
    finally:
        await producer.stop()
