"""Who may do what on Kafka: the ACL bindings of every principal, as pure functions of a namespace.

The one list behind the local scripts (`make infra`), the test harness (each namespace its own
grants) and whatever generates production users. Nothing is allowed that is not listed here
(`allow.everyone.if.no.acl.found=false`); READ and WRITE imply DESCRIBE.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from dekat import topics
from dekat.clients import Kafka

Resource = Literal["TOPIC", "GROUP", "CLUSTER"]
Pattern = Literal["LITERAL", "PREFIXED"]
Operation = Literal["READ", "WRITE", "CREATE", "DESCRIBE", "ALTER"]

CLUSTER = "kafka-cluster"
SUPER_USER = "dekat-admin"
"""Tooling only (topics, grants, tests); no service runs as it."""
PROVISIONER = "svc-routing-admin"
"""Routing's admin API adding agencies: their credentials and ACLs need ALTER on the cluster."""


@dataclass(frozen=True, order=True)
class Binding:
    principal: str
    resource: Resource
    pattern: Pattern
    name: str
    operation: Operation


@dataclass(frozen=True)
class Access:
    """A service's topics (without namespace); its consumer groups start with `<service>.`."""

    reads: tuple[str, ...]
    writes: tuple[str, ...]
    agencies: bool = False
    """Writes every agency's work items and reads every agency's responses (routing)."""
    replays: bool = False
    """Reads its inputs' DLQs and writes their messages back to the inputs (`python -m notify.replay`)."""

    def topics(self) -> list[str]:
        """What it creates when it connects: its inputs with their DLQs, and its outputs."""
        return list(dict.fromkeys([*topics.with_dlqs(self.reads), *self.writes]))


SERVICES: dict[str, Access] = {
    "intake": Access(
        reads=(
            topics.REQUESTS_ASSIGNED,
            topics.REQUESTS_STATUS,
            topics.NETWORK_AREAS,
            topics.NETWORK_AGENCIES,
            # The public projection folds what intake itself published, beside what it is told.
            topics.REQUESTS_SUBMITTED,
            topics.REQUESTS_FEEDBACK,
        ),
        writes=(topics.REQUESTS_SUBMITTED, topics.CITIZENS_CONTACT, topics.REQUESTS_FEEDBACK),
    ),
    "routing": Access(
        reads=(topics.REQUESTS_SUBMITTED, topics.REQUESTS_FEEDBACK),
        writes=(
            topics.REQUESTS_ASSIGNED,
            topics.REQUESTS_STATUS,
            topics.NETWORK_AREAS,
            topics.NETWORK_AGENCIES,
        ),
        agencies=True,
    ),
    "notify": Access(
        reads=(topics.CITIZENS_CONTACT, topics.REQUESTS_ASSIGNED, topics.REQUESTS_STATUS),
        writes=(),
        replays=True,
    ),
}


AGENCY_CODE = re.compile(r"^[a-z0-9][a-z0-9-]{1,62}$")
"""Topic-safe, and never a dot: it would let one agency's group prefix `agency.<code>.` cover another's."""


def valid_agency_code(code: str) -> bool:
    return AGENCY_CODE.match(code) is not None


def user(service: str) -> str:
    return f"svc-{service}"


def agency_user(code: str, namespace: str = "") -> str:
    """An agency's principal; users are cluster-wide, so a test namespace gets its own."""
    return f"{namespace}agency-{code}"


def demo_password(username: str) -> str:
    """Local demo passwords (never in production): `dekat-admin-demo-kafka`, `demo-<code>-kafka`."""
    if username.startswith("agency-"):
        return f"demo-{username.removeprefix('agency-')}-kafka"
    return f"{username}-demo-kafka"


def demo_env(kafka: Kafka, service: str, root: Path) -> dict[str, str]:
    """The settings that make a service process (tests, bench) connect as itself, demo passwords."""
    env = kafka.as_user(user(service), demo_password(user(service))).env(root)
    if SERVICES[service].agencies:
        env["DEKAT_KAFKA_ADMIN_USERNAME"] = PROVISIONER
        env["DEKAT_KAFKA_ADMIN_PASSWORD"] = demo_password(PROVISIONER)
    return env


def service_bindings(service: str, namespace: str = "") -> list[Binding]:
    access, principal = SERVICES[service], f"User:{user(service)}"

    def on(kind: Resource, name: str, operation: Operation, pattern: Pattern = "LITERAL") -> Binding:
        return Binding(principal, kind, pattern, namespace + name, operation)

    found = [on("GROUP", f"{service}.", "READ", "PREFIXED")]
    found += [on("TOPIC", t, "READ") for t in access.reads]
    found += [on("TOPIC", t, "WRITE") for t in (*access.writes, *map(topics.dlq, access.reads))]
    found += [on("TOPIC", t, "CREATE") for t in access.topics()]
    if access.agencies:
        found += [on("TOPIC", "agency.", op, "PREFIXED") for op in ("READ", "WRITE", "CREATE")]
    if access.replays:
        found += [on("TOPIC", topics.dlq(t), "READ") for t in access.reads]
        found += [on("TOPIC", t, "WRITE") for t in access.reads]
    return sorted(set(found))


def agency_bindings(code: str, namespace: str = "") -> list[Binding]:
    """Read its own work items in its own groups; write its own responses. Nothing else."""
    principal = f"User:{agency_user(code, namespace)}"
    return [
        Binding(principal, "GROUP", "PREFIXED", f"{namespace}agency.{code}.", "READ"),
        Binding(principal, "TOPIC", "LITERAL", namespace + topics.agency(code), "READ"),
        Binding(principal, "TOPIC", "LITERAL", namespace + topics.agency_responses(code), "WRITE"),
    ]


def provisioner_bindings() -> list[Binding]:
    """Kafka has no narrower right than ALTER on the cluster for creating users and ACLs."""
    principal = f"User:{PROVISIONER}"
    return [Binding(principal, "CLUSTER", "LITERAL", CLUSTER, op) for op in ("ALTER", "DESCRIBE")]


def namespace_bindings(namespace: str = "") -> list[Binding]:
    """Every service's bindings in `namespace` (agencies' come with each agency)."""
    return [b for service in SERVICES for b in service_bindings(service, namespace)]
