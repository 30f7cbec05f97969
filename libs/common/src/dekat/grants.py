"""Apply `dekat.acls` bindings and SCRAM credentials to the broker (confluent-kafka's AdminClient).

aiokafka's admin client has neither ACL nor SCRAM calls. Every call is idempotent: granting what is
granted, revoking what is not there or removing a user who does not exist changes nothing.
Needs `dekat-common[acls]` and a principal with ALTER and DESCRIBE on the cluster.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable
from concurrent.futures import Future
from typing import Any

from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.errors import KafkaError as AIOKafkaError
from confluent_kafka import KafkaError, KafkaException
from confluent_kafka.admin import (
    AclBinding,
    AclBindingFilter,
    AclOperation,
    AclPermissionType,
    AdminClient,
    ResourcePatternType,
    ResourceType,
    ScramCredentialInfo,
    ScramMechanism,
    UserScramCredentialDeletion,
    UserScramCredentialUpsertion,
)

from dekat import acls, topic_admin
from dekat.acls import Binding, Resource
from dekat.clients import Kafka

RESOURCES = {"TOPIC": ResourceType.TOPIC, "GROUP": ResourceType.GROUP, "CLUSTER": ResourceType.BROKER}
"""librdkafka calls Kafka's CLUSTER resource (type 4) BROKER."""
KINDS: dict[ResourceType, Resource] = {
    ResourceType.TOPIC: "TOPIC",
    ResourceType.GROUP: "GROUP",
    ResourceType.BROKER: "CLUSTER",
}
ITERATIONS = 8192
TIMEOUT_S = 15.0


def admin_client(kafka: Kafka) -> AdminClient:
    return AdminClient({**kafka.librdkafka(), "socket.timeout.ms": "10000", "log_level": "4"})


def acl(b: Binding) -> AclBinding:
    return AclBinding(*acl_fields(b))


def acl_filter(b: Binding) -> AclBindingFilter:
    """The filter matching exactly `b` (to delete it)."""
    return AclBindingFilter(*acl_fields(b))


def acl_fields(b: Binding) -> tuple[Any, ...]:
    """A binding's fields as confluent-kafka orders them: resource, name, pattern, principal, host,
    operation, permission."""
    resource, pattern = RESOURCES[b.resource], ResourcePatternType[b.pattern]
    return (resource, b.name, pattern, b.principal, "*", AclOperation[b.operation], AclPermissionType.ALLOW)


async def settled(client: AdminClient, futures: Iterable[Future[Any]]) -> list[Any]:
    """The futures' results, once all are done; the first error raised.

    Takes the client to keep it alive until then: a collected client fails its futures (_DESTROY).
    """
    async with asyncio.timeout(TIMEOUT_S):
        return list(await asyncio.gather(*(asyncio.wrap_future(f) for f in futures)))


async def grant(kafka: Kafka, bindings: Iterable[Binding], *, confirm: bool = False) -> None:
    """Create the bindings; with `confirm`, return once the broker enforces them."""
    wanted = list(dict.fromkeys(bindings))
    if wanted:
        client = admin_client(kafka)
        await settled(client, client.create_acls([acl(b) for b in wanted]).values())
    if confirm:
        await eventually(lambda: enforced(kafka, wanted, present=True))


async def revoke(kafka: Kafka, bindings: Iterable[Binding], *, confirm: bool = False) -> None:
    """Delete the bindings; with `confirm`, return once the broker no longer allows them."""
    doomed = list(dict.fromkeys(bindings))
    if doomed:
        client = admin_client(kafka)
        await settled(client, client.delete_acls([acl_filter(b) for b in doomed]).values())
    if confirm:
        await eventually(lambda: enforced(kafka, doomed, present=False))


async def enforced(kafka: Kafka, bindings: list[Binding], *, present: bool) -> bool:
    """Whether the broker's authorizer (it answers DescribeAcls) has every binding, or none."""
    for principal in {b.principal for b in bindings}:
        now = set(await granted(kafka, principal))
        mine = {b for b in bindings if b.principal == principal}
        if not (mine <= now if present else mine.isdisjoint(now)):
            return False
    return True


async def eventually(check: Callable[[], Awaitable[bool]]) -> None:
    """The controller commits a change before the broker applies it: wait for the broker."""
    async with asyncio.timeout(TIMEOUT_S):
        while not await check():
            await asyncio.sleep(0.2)


async def granted(kafka: Kafka, principal: str | None = None) -> list[Binding]:
    """Every ALLOW binding on the broker now (of `principal`, when given)."""
    everything = AclBindingFilter(
        ResourceType.ANY,
        None,  # type: ignore[arg-type]  # None matches any name (the stub says str)
        ResourcePatternType.ANY,
        principal,  # type: ignore[arg-type]  # and any principal
        None,  # type: ignore[arg-type]  # and any host
        AclOperation.ANY,
        AclPermissionType.ANY,
    )
    client = admin_client(kafka)
    (found,) = await settled(client, [client.describe_acls(everything)])
    return sorted(
        Binding(a.principal, KINDS[a.restype], a.resource_pattern_type.name, a.name, a.operation.name)
        for a in found
        if a.permission_type == AclPermissionType.ALLOW
    )


async def users(kafka: Kafka) -> list[str]:
    """Every user with a SCRAM credential."""
    client = admin_client(kafka)
    every = client.describe_user_scram_credentials()  # without names: one future of {user: ...}
    assert isinstance(every, Future)
    (found,) = await settled(client, [every])
    return sorted(found)


async def release_prefix(kafka: Kafka, prefix: str) -> None:
    """Revoke every ACL on a resource named `prefix`… and remove every user so named (a test namespace)."""
    if not prefix:
        raise ValueError("an empty prefix would release everything")
    await revoke(
        kafka,
        [
            b
            for b in await granted(kafka)
            if b.name.startswith(prefix) or b.principal.startswith(f"User:{prefix}")
        ],
    )
    for username in await users(kafka):
        if username.startswith(prefix):
            await remove_user(kafka, username)


async def set_password(kafka: Kafka, username: str, password: str, *, confirm: bool = False) -> None:
    """Create the SCRAM-SHA-512 user, or change its password.

    The controller commits it before the broker applies it: with `confirm`, return only once the
    broker accepts the new password (someone is about to use it).
    """
    info = ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, ITERATIONS)
    upsert = UserScramCredentialUpsertion(username, info, password.encode())
    client = admin_client(kafka)
    await settled(client, client.alter_user_scram_credentials([upsert]).values())
    if confirm:
        await eventually(lambda: authenticates(kafka.as_user(username, password)))


async def authenticates(login: Kafka) -> bool:
    admin = AIOKafkaAdminClient(**login.aiokafka(), request_timeout_ms=5_000)
    try:
        await admin.start()
        return True
    except AIOKafkaError:
        return False
    finally:
        await admin.close()


async def remove_user(kafka: Kafka, username: str, *, confirm: bool = False) -> None:
    """The user can no longer authenticate (open connections stay, but their ACLs are what counts).

    With `confirm`, return once the broker no longer lists the user.
    """
    deletion = UserScramCredentialDeletion(username, ScramMechanism.SCRAM_SHA_512)
    try:
        client = admin_client(kafka)
        await settled(client, client.alter_user_scram_credentials([deletion]).values())
    except KafkaException as error:
        if error.args[0].code() != KafkaError.RESOURCE_NOT_FOUND:
            raise
    if confirm:
        await eventually(lambda: absent(kafka, username))


async def absent(kafka: Kafka, username: str) -> bool:
    return username not in await users(kafka)


async def open_namespace(kafka: Kafka, namespace: str) -> None:
    """The services' ACLs in a test or bench namespace on a shared broker (users: `make infra`)."""
    await grant(kafka, [*acls.namespace_bindings(namespace), *acls.provisioner_bindings()], confirm=True)


async def close_namespace(kafka: Kafka, namespace: str) -> None:
    """Its topics, ACLs and users go (the agencies its routing added included)."""
    await topic_admin.delete_topics(kafka, namespace)
    await release_prefix(kafka, namespace)
