"""A test namespace's Kafka access: the services' ACLs granted at its start, everything released at its end.

The services' users are cluster-wide (created by `make infra`); their ACLs, the agencies' users
and the topics belong to the namespace, so parallel runs sharing one broker stay apart.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

from dekat import acls, admin, grants

from tests.conftest import KAFKA

ROOT = Path(__file__).resolve().parents[1]


def service_env(service: str) -> dict[str, str]:
    """The settings that make a service process connect to the test broker as itself."""
    username = acls.user(service)
    env = {
        "DEKAT_KAFKA_BOOTSTRAP": KAFKA.bootstrap,
        "DEKAT_KAFKA_SECURITY_PROTOCOL": KAFKA.security_protocol,
        "DEKAT_KAFKA_SASL_MECHANISM": KAFKA.mechanism,
        "DEKAT_KAFKA_USERNAME": username,
        "DEKAT_KAFKA_PASSWORD": acls.demo_password(username),
    }
    if KAFKA.ca_file:
        env["DEKAT_KAFKA_CA_FILE"] = str(ROOT / KAFKA.ca_file)
    if service == "routing":
        env["DEKAT_KAFKA_ADMIN_USERNAME"] = acls.PROVISIONER
        env["DEKAT_KAFKA_ADMIN_PASSWORD"] = acls.demo_password(acls.PROVISIONER)
    return env


async def open_namespace(namespace: str) -> None:
    """The services' and the provisioner's users (as `make infra` makes them), their ACLs in `namespace`."""
    for username in [*map(acls.user, acls.SERVICES), acls.PROVISIONER]:
        await grants.set_password(KAFKA, username, acls.demo_password(username))
    await grants.grant(KAFKA, [*acls.namespace_bindings(namespace), *acls.provisioner_bindings()])


async def close_namespace(namespace: str) -> None:
    """Its topics, ACLs and users go (agencies the stack added included)."""
    await admin.delete_topics(KAFKA, namespace)
    await grants.release_prefix(KAFKA, namespace)


@contextlib.asynccontextmanager
async def namespace_open(namespace: str) -> AsyncIterator[str]:
    await open_namespace(namespace)
    try:
        yield namespace
    finally:
        await close_namespace(namespace)
