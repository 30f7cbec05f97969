"""Two agencies on the real broker, each with its own user, ACLs and a work item waiting."""

from __future__ import annotations

import secrets
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest
from dekat import acls, grants, topic_admin, topics
from dekat.clients import Kafka

from tests import kafka_access
from tests.conftest import KAFKA
from tests.security.clients import send

A, B = "alpha-dinas", "beta-dinas"


@dataclass(frozen=True)
class Broker:
    namespace: str
    agencies: dict[str, Kafka]

    def topic(self, name: str) -> str:
        return self.namespace + name

    def group(self, code: str, name: str = "workers") -> str:
        return f"{self.namespace}agency.{code}.{name}"


@pytest.fixture(scope="module")
async def broker() -> AsyncIterator[Broker]:
    """Two agencies with their own users and ACLs, a work item for each, a citizen's contact."""
    namespace = f"sec-{uuid.uuid4().hex[:8]}."
    async with kafka_access.namespace_open(namespace):
        logins = {code: await agency_login(code, namespace) for code in (A, B)}
        names = [t for code in (A, B) for t in topics.agency_topics(code)] + list(topics.REQUEST_TOPICS)
        await topic_admin.ensure_topics(KAFKA, [namespace + t for t in names])
        for code in (A, B):
            await send(KAFKA, namespace + topics.agency(code), f"work item for {code}".encode())
        await send(KAFKA, namespace + topics.CITIZENS_CONTACT, b'{"email": "dewi@example.id"}')
        yield Broker(namespace, logins)


async def agency_login(code: str, namespace: str) -> Kafka:
    password = secrets.token_urlsafe(16)
    await grants.set_password(KAFKA, acls.agency_user(code, namespace), password, confirm=True)
    await grants.grant(KAFKA, acls.agency_bindings(code, namespace))
    return KAFKA.as_user(acls.agency_user(code, namespace), password)
