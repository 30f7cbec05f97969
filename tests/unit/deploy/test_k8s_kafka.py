"""deploy/k8s's Kafka is secured as the local broker is: SCRAM over TLS, and each principal exactly
the ACLs of `dekat.acls`, read back from the KafkaUsers as Strimzi would apply them."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from dekat import acls

from tests.unit.deploy.manifests import (
    ROOT,
    SERVICES,
    Manifest,
    base,
    container,
    environment,
    local,
    of_kind,
    settings_of,
)

LOCAL = pytest.mark.skipif(shutil.which("kubectl") is None, reason="kubectl kustomize builds the overlay")
PATTERN_TYPES: dict[str, acls.Pattern] = {"literal": "LITERAL", "prefix": "PREFIXED"}
PRINCIPALS = [(acls.user(s), acls.service_bindings(s)) for s in acls.SERVICES] + [
    (acls.PROVISIONER, acls.provisioner_bindings())
]


def kafka(found: tuple[Manifest, ...]) -> Manifest:
    [cluster] = of_kind(found, "Kafka").values()
    return cluster


def granted(user: Manifest) -> list[acls.Binding]:
    """A KafkaUser's ACL rules as the bindings Strimzi's User Operator creates for them."""
    principal, found = f"User:{user['metadata']['name']}", []
    for rule in user["spec"]["authorization"]["acls"]:
        assert rule.get("type", "allow") == "allow"
        assert rule.get("host", "*") == "*"
        assert "operation" not in rule  # deprecated, and gone from Strimzi's v1 API
        resource = rule["resource"]
        pattern: acls.Pattern = "LITERAL"
        if resource["type"] == "cluster":  # Strimzi's has no name: the one cluster
            assert resource.keys() == {"type"}
            name = acls.CLUSTER
        else:
            name, pattern = resource["name"], PATTERN_TYPES[resource["patternType"]]
        kind = resource["type"].upper()
        found += [acls.Binding(principal, kind, pattern, name, op.upper()) for op in rule["operations"]]
    assert len(found) == len(set(found)), principal
    return sorted(found)


def test_the_kafka_users_are_the_services_and_routings_admin_api_never_an_agency() -> None:
    users = of_kind(base(), "KafkaUser")
    assert users.keys() == {username for username, _ in PRINCIPALS}
    assert acls.SUPER_USER not in users
    assert not any(name.startswith(acls.agency_user("")) for name in users)


@pytest.mark.parametrize(("username", "bindings"), PRINCIPALS, ids=[u for u, _ in PRINCIPALS])
def test_each_kafka_users_acls_are_the_bindings_of_dekat_acls(
    username: str, bindings: list[acls.Binding]
) -> None:
    user = of_kind(base(), "KafkaUser")[username]
    assert user["apiVersion"] == "kafka.strimzi.io/v1beta2"
    assert user["metadata"]["labels"]["strimzi.io/cluster"] == kafka(base())["metadata"]["name"]
    assert user["spec"]["authentication"] == {"type": "scram-sha-512"}
    assert user["spec"]["authorization"]["type"] == "simple"
    assert granted(user) == sorted(bindings)


def test_the_only_listener_requires_scram_over_tls_and_only_acls_grant() -> None:
    spec = kafka(base())["spec"]["kafka"]
    assert spec["listeners"]
    for listener in spec["listeners"]:
        assert listener["tls"] is True, listener["name"]
        assert listener["authentication"] == {"type": "scram-sha-512"}, listener["name"]
    assert spec["authorization"] == {"type": "simple", "superUsers": [acls.SUPER_USER]}
    assert spec["config"]["allow.everyone.if.no.acl.found"] is False
    assert spec["config"]["auto.create.topics.enable"] is False


def test_the_user_operator_leaves_the_agencies_users_to_routing() -> None:
    """Strimzi >= 0.48 deletes users it has no KafkaUser for, unless they match this (whole name)."""
    [env] = [
        e
        for e in kafka(base())["spec"]["entityOperator"]["template"]["userOperatorContainer"]["env"]
        if e["name"] == "STRIMZI_IGNORED_USERS_PATTERN"
    ]
    ignored = re.compile(env["value"])
    codes = [a["code"] for a in json.loads((ROOT / "deploy/network/agencies.json").read_text())["agencies"]]
    assert codes
    for code in [*codes, "x1", "dinas-2"]:
        assert acls.valid_agency_code(code)
        assert ignored.fullmatch(acls.agency_user(code)), code
    for managed in [*of_kind(base(), "KafkaUser"), acls.SUPER_USER]:
        assert not ignored.fullmatch(managed), managed


def tls_listener(found: tuple[Manifest, ...]) -> tuple[str, int]:
    cluster = kafka(found)
    [port] = [item["port"] for item in cluster["spec"]["kafka"]["listeners"] if item["tls"]]
    return f"{cluster['metadata']['name']}-kafka-bootstrap", port


def principals_of(service: str) -> dict[str, str]:
    """The setting prefix of each principal the service connects as, and that principal."""
    found = {"DEKAT_KAFKA_": acls.user(service)}
    return found | ({"DEKAT_KAFKA_ADMIN_": acls.PROVISIONER} if acls.SERVICES[service].agencies else {})


@pytest.mark.parametrize("service", SERVICES)
def test_every_service_is_its_own_kafka_user_with_the_password_strimzi_made(service: str) -> None:
    env, users = environment(service, base()), of_kind(base(), "KafkaUser")
    for prefix, username in principals_of(service).items():
        assert env[f"{prefix}USERNAME"] == username
        assert username in users
        # The User Operator's Secret: the user's name, its password under `password`.
        assert env[f"{prefix}PASSWORD"] == {"secretKeyRef": {"name": username, "key": "password"}}
    if not acls.SERVICES[service].agencies:
        assert not any(k.startswith("DEKAT_KAFKA_ADMIN_") for k in env)


@pytest.mark.parametrize("service", SERVICES)
def test_every_service_connects_to_the_tls_listener_trusting_the_mounted_cluster_ca(service: str) -> None:
    env, defaults = environment(service, base()), settings_of(service).model_fields

    def setting(name: str) -> Any:
        return env.get(f"DEKAT_{name.upper()}", defaults[name].default)

    host, port = tls_listener(base())
    assert env["DEKAT_KAFKA_BOOTSTRAP"] == f"{host}:{port}"
    assert setting("kafka_security_protocol") == "SASL_SSL"
    assert setting("kafka_sasl_mechanism") == "SCRAM-SHA-512"

    deployment = of_kind(base(), "Deployment")[service]
    c, pod = container(deployment), deployment["spec"]["template"]["spec"]
    ca = Path(env["DEKAT_KAFKA_CA_FILE"])
    [mount] = [m for m in c["volumeMounts"] if m["mountPath"] == str(ca.parent)]
    assert mount.get("readOnly") is True
    assert "subPath" not in mount  # so the renewed CA reaches a running pod
    [volume] = [v for v in pod["volumes"] if v["name"] == mount["name"]]
    secret = volume["secret"]
    assert secret["secretName"] == f"{kafka(base())['metadata']['name']}-cluster-ca-cert"
    assert {"key": "ca.crt", "path": ca.name} in secret.get("items", [{"key": ca.name, "path": ca.name}])


@LOCAL
def test_the_local_overlay_keeps_the_secured_listener_and_the_users() -> None:
    built = local()
    assert built is not None
    assert kafka(built)["spec"]["kafka"]["listeners"] == kafka(base())["spec"]["kafka"]["listeners"]
    assert kafka(built)["spec"]["kafka"]["authorization"] == kafka(base())["spec"]["kafka"]["authorization"]
    assert kafka(built)["spec"]["entityOperator"] == kafka(base())["spec"]["entityOperator"]
    namespace = kafka(built)["metadata"]["namespace"]
    users = of_kind(built, "KafkaUser")
    assert users.keys() == of_kind(base(), "KafkaUser").keys()
    assert {u["metadata"]["namespace"] for u in users.values()} == {namespace}
    for service in SERVICES:
        assert environment(service, built)["DEKAT_KAFKA_BOOTSTRAP"] == "{}:{}".format(*tls_listener(built))
