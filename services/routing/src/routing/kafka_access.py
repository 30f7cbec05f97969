"""An agency on Kafka: its topics, its SCRAM user and its ACLs (`dekat.acls`), kept by routing.

Topics are created with routing's own principal; users and ACLs with the admin API's principal
(`DEKAT_KAFKA_ADMIN_USERNAME`), the only one in routing allowed to alter the cluster.
"""

from __future__ import annotations

import contextlib
import logging
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from aiokafka.errors import KafkaError as AIOKafkaError
from confluent_kafka import KafkaException
from dekat import acls, error_body, errors, grants, topics
from dekat.clients import Kafka
from dekat.service import Runtime, runtime_of
from fastapi import HTTPException, Request

from routing.agencies import Agency, Network
from routing.config import Settings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class KafkaAccess:
    provisioner: Kafka
    namespace: str

    def username(self, code: str) -> str:
        return acls.agency_user(code, self.namespace)

    async def open(self, runtime: Runtime, code: str) -> None:
        """Its topics exist and its ACLs are granted (idempotent)."""
        await runtime.ensure_topics(topics.agency_topics(code))
        await grants.grant(self.provisioner, acls.agency_bindings(code, self.namespace), confirm=True)

    async def new_password(self, code: str) -> str:
        """A fresh password for the agency's user (created if missing); shown once, stored nowhere."""
        password = secrets.token_urlsafe(24)
        await grants.set_password(self.provisioner, self.username(code), password, confirm=True)
        return password

    async def close(self, code: str) -> None:
        """Revoke its ACLs (checked on every request: effective at once) and remove its user."""
        await grants.revoke(self.provisioner, acls.agency_bindings(code, self.namespace), confirm=True)
        await grants.remove_user(self.provisioner, self.username(code), confirm=True)

    async def reconcile(self, runtime: Runtime, network: Network) -> None:
        """At start: every enabled agency open, every disabled one closed (a few calls for all)."""
        active = sorted(network.active)
        await runtime.ensure_topics([t for code in active for t in topics.agency_topics(code)])
        await grants.grant(
            self.provisioner, [b for c in active for b in acls.agency_bindings(c, self.namespace)]
        )
        disabled = sorted(network.agencies.keys() - network.active)
        await grants.revoke(
            self.provisioner, [b for c in disabled for b in acls.agency_bindings(c, self.namespace)]
        )
        for code in disabled:
            await grants.remove_user(self.provisioner, self.username(code))

    def described(self, code: str, password: str | None = None) -> dict[str, Any]:
        """What the agency needs to connect (the password only when it was just issued)."""
        found: dict[str, Any] = {
            "username": self.username(code),
            "sasl_mechanism": "SCRAM-SHA-512",
            "security_protocol": "SASL_SSL",
            "requests_topic": self.namespace + topics.agency(code),
            "responses_topic": self.namespace + topics.agency_responses(code),
            "consumer_group_prefix": f"{self.namespace}agency.{code}.",
        }
        return found if password is None else {**found, "password": password}


def of(settings: Settings) -> KafkaAccess:
    admin = settings.kafka_admin_password.get_secret_value()
    provisioner = Kafka.of(settings).as_user(settings.kafka_admin_username, admin)
    return KafkaAccess(provisioner, settings.namespace)


async def changed(request: Request, before: Agency | None, after: Agency) -> dict[str, Any]:
    """Follow an admin's change on Kafka; what the agency needs to connect (a password if new)."""
    access: KafkaAccess = request.app.state.kafka_access
    with unavailable_as_503():
        if not after.active:
            await access.close(after.code)
            return {"username": access.username(after.code), "revoked": True}
        await access.open(runtime_of(request), after.code)
        fresh = before is None or not before.active
        password = await access.new_password(after.code) if fresh else None
    return access.described(after.code, password)


async def rotated(request: Request, code: str) -> dict[str, Any]:
    access: KafkaAccess = request.app.state.kafka_access
    with unavailable_as_503():
        await access.open(runtime_of(request), code)
        return access.described(code, await access.new_password(code))


@contextlib.contextmanager
def unavailable_as_503() -> Iterator[None]:
    """Kafka failing mid-change: nothing is saved (the caller's transaction rolls back), try again."""
    try:
        yield
    except (KafkaException, AIOKafkaError, TimeoutError, RuntimeError) as error:
        log.warning("agency access not changed on Kafka: %r", error)
        raise HTTPException(
            503,
            detail=error_body.body(503, "Kafka did not apply the change; try again"),
            headers=errors.retry_after(),
        ) from error
