"""Kafka users and ACLs of the local stack (demo passwords: development only).

    python deploy/local/kafka_access.py super NAME   (as the node, from kafka.sh) the super-user
                                                      NAME, its password read from standard input
    python deploy/local/kafka_access.py demo          (as the super-user, from `make infra`) the
        services' users and ACLs in DEKAT_NAMESPACE, routing's provisioner, and one user per
        agency of deploy/network/agencies.json with that agency's ACLs

Runs as the principal of the `DEKAT_KAFKA_*` settings; ACLs and passwords come from `dekat.acls`.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path

from dekat import acls, grants
from dekat.clients import Kafka
from dekat.settings import CommonSettings

NETWORK = Path(__file__).resolve().parents[2] / "deploy/network/agencies.json"


def demo_users() -> list[str]:
    services = [acls.user(s) for s in acls.SERVICES]
    agencies = [acls.agency_user(code) for code in agency_codes()]
    return [*services, acls.PROVISIONER, *agencies]


def agency_codes() -> list[str]:
    return [a["code"] for a in json.loads(NETWORK.read_text())["agencies"]]


async def demo(kafka: Kafka, namespace: str) -> None:
    for username in demo_users():
        await grants.set_password(kafka, username, acls.demo_password(username))
    bindings = [*acls.namespace_bindings(namespace), *acls.provisioner_bindings()]
    bindings += [b for code in agency_codes() for b in acls.agency_bindings(code, namespace)]
    await grants.grant(kafka, bindings)
    print(f"[kafka] {len(demo_users())} users, {len(bindings)} ACLs (namespace {namespace or '(none)'})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("what", choices=["super", "demo"])
    parser.add_argument("name", nargs="?", default=acls.SUPER_USER)
    args = parser.parse_args()
    settings = CommonSettings()
    kafka = Kafka.of(settings)
    if args.what == "super":
        password = sys.stdin.read().strip() or acls.demo_password(args.name)
        asyncio.run(grants.set_password(kafka, args.name, password))
    else:
        asyncio.run(demo(kafka, settings.namespace))


if __name__ == "__main__":
    main()
