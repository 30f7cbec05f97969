"""The network and rules as this instance last read them, re-read only when the tables changed.

Reading is cheap (one small query for the revision); parsing calendars and areas for every
message is not.
"""

from __future__ import annotations

from dataclasses import dataclass

from dekat.db import Connection

from routing import network_store
from routing.agencies import Network
from routing.rules import RuleSet


@dataclass
class Snapshot:
    revision: int = -1
    network: Network | None = None
    rules: RuleSet | None = None


async def network(conn: Connection, snapshot: Snapshot) -> Network:
    current = await network_store.revision(conn)
    if snapshot.network is None or current != snapshot.revision:
        snapshot.network = await network_store.load_network(conn)
        snapshot.revision = current
    return snapshot.network


async def rules(conn: Connection, snapshot: Snapshot) -> RuleSet:
    current = await network_store.rules_version(conn)
    if snapshot.rules is None or current != snapshot.rules.version:
        snapshot.rules = await network_store.load_rules(conn)
    return snapshot.rules
