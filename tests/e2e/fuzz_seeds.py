"""Something for the fuzzer to find: one request in each service, named to it by environment
variables (`tests/e2e/schemathesis.toml` reads them), so the operations on a request reach their
logic instead of answering 404 to every made-up id."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import httpx
from aiokafka import AIOKafkaProducer
from dekat import topics
from dekat.events import Envelope, new_event
from dekat.payloads import CONTACT, SUBMITTED, CitizenContact, RequestSubmitted
from notify import preferences

from tests.conftest import KAFKA
from tests.e2e.fuzzing import Running

MENTENG = (-6.1951, 106.8345)
PREFERENCES_SECRET = "dev-preferences-secret"
"""notify's default (`notify.config.Settings`)."""


def intake(running: Running) -> dict[str, str]:
    body = {
        "service_code": "pothole",
        "description": "Lubang besar di Jl. Menteng Raya",
        "lat": MENTENG[0],
        "long": MENTENG[1],
        "citizen": {"name": "Dewi", "email": "dewi@example.id"},
    }
    answer = httpx.post(f"{running.url}/v1/requests", json=body, timeout=10)
    answer.raise_for_status()
    r = answer.json()
    return {
        "FUZZ_REQUEST_ID": r["id"],
        "FUZZ_TRACKING_CODE": r["tracking_code"],
        "FUZZ_REPORTER_KEY": r["reporter_key"],
    }


def routing(running: Running) -> dict[str, str]:
    request_id = str(uuid.uuid4())
    facts = RequestSubmitted(
        request_id=request_id,
        tracking_code="DK-FUZZ-0001",
        service_code="pothole",
        description="Lubang besar di Jl. Menteng Raya",
        lat=MENTENG[0],
        long=MENTENG[1],
        submitted_at=datetime.now(UTC),
    )
    produce(
        running,
        topics.REQUESTS_SUBMITTED,
        new_event(SUBMITTED, subject=request_id, data=facts, source="intake"),
    )
    wait_for(lambda: httpx.get(f"{running.url}/v1/requests/{request_id}/routing").status_code == 200)
    return {"FUZZ_REQUEST_ID": request_id}


def notify(running: Running) -> dict[str, str]:
    request_id = str(uuid.uuid4())
    contact = CitizenContact(request_id=request_id, tracking_code="DK-FUZZ-0002", email="dewi@example.id")
    produce(
        running,
        topics.CITIZENS_CONTACT,
        new_event(CONTACT, subject=request_id, data=contact, source="intake"),
    )
    now = datetime.now(UTC)
    token = preferences.sign(request_id, now=now, secret=PREFERENCES_SECRET, valid_for=timedelta(days=1))
    wait_for(lambda: httpx.get(f"{running.url}/v1/preferences/{token}").status_code == 200)
    return {"FUZZ_PREFERENCES_TOKEN": token, "FUZZ_REQUEST_ID": request_id}


def produce(running: Running, topic: str, event: Envelope) -> None:
    async def send() -> None:
        producer = AIOKafkaProducer(**KAFKA.aiokafka(), enable_idempotence=True)
        await producer.start()
        try:
            await producer.send_and_wait(
                running.namespace + topic, event.to_bytes(), key=event.subject.encode()
            )
        finally:
            await producer.stop()

    asyncio.run(send())


def wait_for(done: Callable[[], bool], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not done():
        assert time.monotonic() < deadline, "the seeded request never arrived"
        time.sleep(0.3)


SEEDS: dict[str, Callable[[Running], dict[str, str]]] = {
    "intake": intake,
    "routing": routing,
    "notify": notify,
}
