"""A test namespace's Kafka access: the services' ACLs granted at its start, everything released at its end.

The services' users are cluster-wide (created by `make infra`); their ACLs, the agencies' users
and the topics belong to the namespace, so parallel runs sharing one broker stay apart.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

from dekat import acls, grants

from tests.conftest import KAFKA

ROOT = Path(__file__).resolve().parents[1]


def service_env(service: str) -> dict[str, str]:
    """The settings that make a service process connect to the test broker as itself."""
    return acls.demo_env(KAFKA, service, ROOT)


async def open_namespace(namespace: str) -> None:
    """The services' and the provisioner's users (as `make infra` makes them), their ACLs in `namespace`."""
    for username in [*map(acls.user, acls.SERVICES), acls.PROVISIONER]:
        await grants.set_password(KAFKA, username, acls.demo_password(username))
    await grants.open_namespace(KAFKA, namespace)


async def close_namespace(namespace: str) -> None:
    await grants.close_namespace(KAFKA, namespace)


@contextlib.asynccontextmanager
async def namespace_open(namespace: str) -> AsyncIterator[str]:
    await open_namespace(namespace)
    try:
        yield namespace
    finally:
        await close_namespace(namespace)
