"""The files under `deploy/network/` seed routing's tables; the admin API edits them afterwards.

A file is applied when its content differs from the version last applied, so admin edits
survive restarts until someone changes the file itself.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dekat.db import Connection

from routing import agencies, keys, network_store, rules
from routing.agencies import Network

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Sources:
    """The files, read and checked once at start: a bad file stops the service before it serves."""

    network: Network
    network_bytes: bytes
    rules: dict[str, Any]
    rules_bytes: bytes
    keys: list[dict[str, str]]
    keys_bytes: bytes


def read(network_path: str | Path) -> Sources:
    folder = Path(network_path).parent
    network = agencies.load(network_path)
    network_bytes = Path(network_path).read_bytes() + optional(folder / "areas.geojson")
    rules_bytes = optional(folder / "rules.json") or b'{"rules": []}'
    rule_document: dict[str, Any] = json.loads(rules_bytes)
    rules.checked(rules.parse(rule_document), set(network.agencies), set(network.areas))
    keys_bytes = optional(folder / "api_keys.json") or b'{"keys": []}'
    demo_keys: list[dict[str, str]] = json.loads(keys_bytes)["keys"]
    return Sources(network, network_bytes, rule_document, rules_bytes, demo_keys, keys_bytes)


def optional(path: Path) -> bytes:
    return path.read_bytes() if path.exists() else b""


async def seed(conn: Connection, sources: Sources) -> None:
    """Apply whichever files changed since they were last applied; one instance at a time."""
    await network_store.lock_seeding(conn)
    if await network_store.changed_source(conn, "network", sources.network_bytes):
        await network_store.save_network(conn, sources.network)
        log.info("agency network loaded from its files")
    if await network_store.changed_source(conn, "rules", sources.rules_bytes):
        version = await network_store.add_rules(conn, sources.rules, "file")
        log.info("routing rules version %d loaded from rules.json", version)
    if await network_store.changed_source(conn, "keys", sources.keys_bytes):
        for entry in sources.keys:
            await network_store.add_key(conn, entry["agency"], keys.normalised_hash(entry["sha256"]))
