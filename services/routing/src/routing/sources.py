"""The files under `deploy/network/` seed routing's tables; the admin API edits them afterwards.

A file is applied when its content differs from the version last applied, so admin edits
survive restarts until someone changes the file itself. When the network files change, every
area is announced on `network.areas.v1` and every agency on `network.agencies.v1`.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dekat.db import Connection

from routing import agencies, areas, catalogue, keys, network_store, rules
from routing.agencies import Network
from routing.catalogue import Catalogue

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
    catalogue: Catalogue


def read(network_path: str | Path, catalogue_path: str | Path) -> Sources:
    folder = Path(network_path).parent
    services = catalogue.load(catalogue_path)
    network = catalogue.checked(network_of(Path(network_path)), services)
    network_bytes = b"".join(optional(p) for p in (Path(network_path), *beside(folder)))
    rules_bytes = optional(folder / "rules.json") or b'{"rules": []}'
    rule_document: dict[str, Any] = json.loads(rules_bytes)
    rules.checked(rules.parse(rule_document), network, services)
    keys_bytes = optional(folder / "api_keys.json") or b'{"keys": []}'
    demo_keys: list[dict[str, str]] = json.loads(keys_bytes)["keys"]
    return Sources(network, network_bytes, rule_document, rules_bytes, demo_keys, keys_bytes, services)


def network_of(path: Path) -> Network:
    """The agencies file, with `areas.geojson` and `streets.json` beside it when they exist."""
    areas_file, streets_file = beside(path.parent)
    found = areas.parse(json.loads(areas_file.read_text())) if areas_file.exists() else {}
    streets = json.loads(streets_file.read_text())["streets"] if streets_file.exists() else {}
    return agencies.parse(json.loads(path.read_text()), found, streets)


def beside(folder: Path) -> tuple[Path, Path]:
    return folder / "areas.geojson", folder / "streets.json"


def optional(path: Path) -> bytes:
    return path.read_bytes() if path.exists() else b""


async def seed(conn: Connection, sources: Sources) -> None:
    """Apply whichever files changed since they were last applied; one instance at a time."""
    await network_store.lock_seeding(conn)
    if await network_store.changed_source(conn, "network", sources.network_bytes):
        await network_store.save_network(conn, sources.network)
        await network_store.announce_areas(conn, list(sources.network.areas.values()))
        log.info("agency network loaded from its files; its %d areas announced", len(sources.network.areas))
    if await network_store.changed_source(conn, "agencies-announced", sources.network_bytes):
        # its own record, so a network loaded before agencies were announced is announced once too
        stored = await network_store.load_network(conn)  # with the admin API's edits
        await network_store.announce_agencies(conn, list(stored.agencies.values()))
        log.info("the network's %d agencies announced", len(stored.agencies))
    if await network_store.changed_source(conn, "rules", sources.rules_bytes):
        version = await network_store.add_rules(conn, sources.rules, "file")
        log.info("routing rules version %d loaded from rules.json", version)
    if await network_store.changed_source(conn, "keys", sources.keys_bytes):
        for entry in sources.keys:
            await network_store.add_key(conn, entry["agency"], keys.normalised_hash(entry["sha256"]))
