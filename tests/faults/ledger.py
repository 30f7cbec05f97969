"""The ledger: what the outside world received, never the services' own tables.

- the agencies: every record on every `agency.<code>.requests.v1`, read with a plain consumer
  from the beginning, as an agency's own client reads it;
- the citizens: every mail the suite's SMTP sink wrote, every message the fake SMS provider took.

A request is delivered when its agency got its work item and its citizen a message for each of
its changes (received, assigned) on their channel. It is duplicated when an agency got two
assignments of it (two distinct work-item events) or its citizen two messages for one change.
Statuses move backwards when an agency's topic or a citizen's messages tell a change after a
later one.
"""

from __future__ import annotations

import asyncio
import contextlib
import email.parser
import email.policy
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient
from dekat.clients import Kafka
from notify.notifications import notification_id

from tests.faults.load import Sent

AGENCY_REQUESTS = re.compile(r"^agency\.[a-z0-9-]+\.requests\.v1$")
CHANGES = (0, 1)
"""The changes every request of the suite goes through: received (0) and assigned (1); one its
agency acknowledges goes through a third (2)."""
ACKNOWLEDGED = 2


@dataclass
class AgencyRecord:
    event_id: str
    type: str
    status_seq: int | None
    """None for an event that carries none (`agency.action_refused`)."""
    agency: str = ""


@dataclass
class World:
    """Everything observed so far."""

    agencies: dict[str, list[AgencyRecord]] = field(default_factory=dict)
    """Request id → what the agencies' topics carried about it, in offset order."""
    mails: dict[str, list[str]] = field(default_factory=dict)
    """Address → the Message-IDs of the mails it received, in arrival order."""
    texts: dict[str, list[str]] = field(default_factory=dict)
    """Phone → the references of the SMS the provider took for it, in the order it took them."""


@dataclass(frozen=True)
class Verdict:
    delivered: bool
    duplicated: bool
    backwards: bool
    copies: int
    """Records of its work item on the agency topic (more than one is a redelivery of one event)."""
    seen: str = ""
    """What the outside world got of it, for a failure message."""


def expected_ids(s: Sent) -> list[str]:
    assert s.request_id is not None
    changes = (*CHANGES, ACKNOWLEDGED) if s.acts else CHANGES
    return [str(notification_id(s.request_id, seq, s.channel)) for seq in changes]


def verdict(s: Sent, world: World) -> Verdict:
    """What the outside world says of one acknowledged request (pure)."""
    assert s.request_id is not None
    records = world.agencies.get(s.request_id, [])
    work = [r for r in records if r.type == "agency.work_item"]
    received = told(s, world)
    wanted = expected_ids(s)
    counts = Counter(received)
    seqs = [r.status_seq for r in first_copies(records) if r.status_seq is not None]
    order = [wanted.index(i) for i in received if i in wanted]
    return Verdict(
        delivered=bool(work) and all(counts[i] >= 1 for i in wanted) and (s.acted is not None or not s.acts),
        duplicated=len({r.event_id for r in work}) > 1 or any(n > 1 for n in counts.values()),
        backwards=seqs != sorted(seqs) or order != sorted(order),
        copies=len(work),
        seen=f"work items {sorted({r.event_id for r in work})}; {s.channel} {dict(counts)}; want {wanted}",
    )


def first_copies(records: list[AgencyRecord]) -> list[AgencyRecord]:
    """Each event once, where it first came: an agency ignores a redelivered copy (same event id)."""
    first: dict[str, AgencyRecord] = {}
    for r in records:
        first.setdefault(r.event_id, r)
    return list(first.values())


def told(s: Sent, world: World) -> list[str]:
    """The notification ids of the messages this citizen received, in the order they came."""
    if s.channel == "email":
        return [m.strip("<>").split("@")[0] for m in world.mails.get(s.address, [])]
    return world.texts.get(s.address, [])


class Observer:
    """Keeps `world` current: a consumer on every agency topic, the maildir, the provider."""

    def __init__(self, kafka: Kafka, maildir: Path, provider_url: str) -> None:
        self.world = World()
        self._kafka = kafka
        self._maildir = maildir
        self._provider = provider_url
        self._seen_files: set[str] = set()
        self._next: dict[TopicPartition, int] = {}
        """The next offset to record per partition: the consumer may read a stretch again after
        the broker restarts, which is not the agency receiving it twice."""
        self._consumer: AIOKafkaConsumer | None = None
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        partitions = await agency_partitions(self._kafka)
        self._consumer = AIOKafkaConsumer(**self._kafka.aiokafka(), enable_auto_commit=False)
        await self._consumer.start()
        self._consumer.assign(partitions)
        await self._consumer.seek_to_beginning(*partitions)
        self._task = asyncio.create_task(self._consume())

    async def _consume(self) -> None:
        assert self._consumer is not None
        while True:
            try:
                batch = await self._consumer.getmany(timeout_ms=500)
            except Exception:  # the broker is away (a fault): the consumer reconnects by itself
                await asyncio.sleep(0.5)
                continue
            for tp, messages in batch.items():
                for m in (m for m in messages if m.offset >= self._next.get(tp, 0)):
                    self._next[tp] = m.offset + 1
                    self._record(tp.topic, m.value)

    def _record(self, topic: str, value: bytes | None) -> None:
        with contextlib.suppress(ValueError, KeyError, TypeError):
            event = json.loads(value or b"")
            seq = event["data"].get("status_seq")
            agency = topic.removeprefix("agency.").removesuffix(".requests.v1")
            record = AgencyRecord(str(event["id"]), event["type"], None if seq is None else int(seq), agency)
            self.world.agencies.setdefault(event["subject"], []).append(record)

    async def refresh(self) -> World:
        """Read what the citizens received since the last look."""
        self._read_mail()
        await self._read_texts()
        return self.world

    def _read_mail(self) -> None:
        parser = email.parser.BytesHeaderParser(policy=email.policy.default)
        for path in sorted(self._maildir.glob("*.eml")):
            if path.name in self._seen_files:
                continue
            self._seen_files.add(path.name)
            headers = parser.parsebytes(path.read_bytes())
            self.world.mails.setdefault(str(headers["To"]), []).append(str(headers["Message-ID"]))

    async def _read_texts(self) -> None:
        with contextlib.suppress(httpx.HTTPError):
            async with httpx.AsyncClient(base_url=self._provider, timeout=10) as client:
                accepted: list[dict[str, Any]] = (await client.get("/v1/messages")).json()
            texts: dict[str, list[str]] = {}
            for m in accepted:
                texts.setdefault(m["to"], []).append(m["reference"])
            self.world.texts = texts

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        if self._consumer is not None:
            await self._consumer.stop()


async def agency_partitions(kafka: Kafka, timeout: float = 30) -> list[TopicPartition]:
    """Every partition of every agency's request topic (fresh topics take a moment to have them)."""
    admin = AIOKafkaAdminClient(**kafka.aiokafka(), request_timeout_ms=10_000)
    await admin.start()
    try:
        async with asyncio.timeout(timeout):
            while True:
                topics = sorted(t for t in await admin.list_topics() if AGENCY_REQUESTS.match(t))
                described = await admin.describe_topics(topics)
                if topics and all(t["error_code"] == 0 and t["partitions"] for t in described):
                    return [
                        TopicPartition(t["topic"], p["partition"]) for t in described for p in t["partitions"]
                    ]
                await asyncio.sleep(0.5)
    finally:
        await admin.close()
