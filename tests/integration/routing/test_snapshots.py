"""An instance re-reads the network and rules exactly when another one changed them."""

from __future__ import annotations

from dataclasses import replace

from routing import network_store, snapshots
from routing.snapshots import Snapshot

from tests.integration.routing.test_deadline_worker import routing_database


async def test_the_network_is_reread_only_after_a_change(database: str) -> None:
    pool = await routing_database(database)
    try:
        mine, theirs = Snapshot(), Snapshot()
        async with pool.acquire() as conn:
            first = await snapshots.network(conn, mine)
            assert await snapshots.network(conn, mine) is first

            changed = replace(first.agencies["dinas-sda"], capacity=5)
            async with conn.transaction():
                await network_store.save_agency(conn, changed)

            assert (await snapshots.network(conn, mine)).agencies["dinas-sda"].capacity == 5
            assert (await snapshots.network(conn, theirs)).agencies["dinas-sda"].capacity == 5
    finally:
        await pool.close()


async def test_the_rules_are_reread_when_a_new_version_is_added(database: str) -> None:
    pool = await routing_database(database)
    try:
        snapshot = Snapshot()
        async with pool.acquire() as conn:
            before = await snapshots.rules(conn, snapshot)
            assert await snapshots.rules(conn, snapshot) is before

            version = await network_store.add_rules(conn, {"rules": []}, "test")

            after = await snapshots.rules(conn, snapshot)
        assert (after.version, after.rules) == (version, ())
        assert version == before.version + 1
    finally:
        await pool.close()
