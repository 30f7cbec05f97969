"""Personal data kept no longer than needed, end to end on real Kafka and PostgreSQL: a request
done for `DEKAT_ERASE_AFTER_DAYS` (here seconds) loses its citizen in intake, `citizen.erased`
travels on the restricted topic, notify forgets them too; what the public sees and the
statistics stay, and a request still open keeps its citizen."""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import AsyncIterator
from typing import Any

import asyncpg
import httpx
import pytest
from dekat import topics
from dekat.payloads import ERASED

from tests.conftest import KAFKA
from tests.e2e.mailbox import messages_to
from tests.e2e.stack import Stack, running_stack
from tests.kafka_reader import read_all

pytestmark = pytest.mark.e2e

ERASE_AFTER_SECONDS = 25
AGENCY = {"X-API-Key": "demo-dinas-bina-marga-key"}


@pytest.fixture(scope="module")
async def stack(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Stack]:
    overrides = {
        "DEKAT_ERASE_AFTER_DAYS": str(ERASE_AFTER_SECONDS / 86400),
        "DEKAT_RETENTION_EVERY_SECONDS": "1",
    }
    async with running_stack(tmp_path_factory.mktemp("erasure"), overrides) as running:
        yield running


def citizen() -> dict[str, str]:
    unique = uuid.uuid4().hex[:8]
    digits = str(uuid.uuid4().int)[:8]
    return {"name": f"Dewi {unique}", "email": f"dewi.{unique}@example.id", "phone": f"+62 813 {digits}"}


async def submitted(client: httpx.AsyncClient, person: dict[str, str]) -> dict[str, Any]:
    body = {"service_code": "pothole", "description": "Lubang di Jl. Menteng Raya", "citizen": person}
    response = await client.post("/v1/requests", json={**body, "lat": -6.1951, "long": 106.8345})
    assert response.status_code == 201, response.text
    accepted: dict[str, Any] = response.json()
    return accepted


async def until_status(client: httpx.AsyncClient, request_id: str, status: str) -> dict[str, Any]:
    async with asyncio.timeout(60):
        while (shown := (await client.get(f"/v1/requests/{request_id}")).json())["status"] != status:
            await asyncio.sleep(0.3)
    found: dict[str, Any] = shown
    return found


async def agency_does(stack: Stack, request_id: str, action: str, **body: str) -> None:
    async with httpx.AsyncClient(base_url=stack.urls["routing"]) as client:
        url = f"/v1/agency/requests/{request_id}/actions"
        response = await client.post(url, json={"action": action, **body}, headers=AGENCY)
    assert response.status_code < 300, response.text


async def fetch(dsn: str, sql: str, *args: object) -> list[dict[str, Any]]:
    conn = await asyncpg.connect(dsn)
    try:
        return [dict(r) for r in await conn.fetch(sql, *args)]
    finally:
        await conn.close()


async def until_rows(dsn: str, sql: str, *args: object) -> list[dict[str, Any]]:
    async with asyncio.timeout(ERASE_AFTER_SECONDS + 60):
        while not (found := await fetch(dsn, sql, *args)):
            await asyncio.sleep(0.5)
    return found


ERASED_IN_INTAKE = "SELECT 1 FROM requests WHERE id = $1 AND erased_at IS NOT NULL"
FORGOTTEN_BY_NOTIFY = "SELECT 1 FROM contacts WHERE request_id = $1 AND email IS NULL"


@pytest.fixture(scope="module")
async def flow(stack: Stack) -> dict[str, Any]:
    """Two citizens: A's request resolved and rated (closed), then erased; B's still open."""
    a, b = citizen(), citizen()
    async with httpx.AsyncClient(base_url=stack.urls["intake"]) as client:
        first, second = await submitted(client, a), await submitted(client, b)
        await until_status(client, second["id"], "assigned")
        await until_status(client, first["id"], "assigned")
        await agency_does(stack, first["id"], "acknowledge")
        await agency_does(stack, first["id"], "resolve", note="Sudah ditambal")
        await until_status(client, first["id"], "resolved")
        rated = await client.post(
            f"/v1/requests/by-code/{first['tracking_code']}/rating",
            params={"k": first["reporter_key"]},
            json={"rating": 4, "comment": f"Terima kasih, salam {a['name']}"},
        )
        assert rated.status_code == 202, rated.text
        before = await until_status(client, first["id"], "closed")
        await until_rows(stack.databases["intake"], ERASED_IN_INTAKE, first["id"])
        await until_rows(stack.databases["notify"], FORGOTTEN_BY_NOTIFY, first["id"])
        mails_at_erasure = len(messages_to(a["email"]))
        await asyncio.sleep(2)  # anything notify would still send to A would be on its way now
        after = (await client.get(f"/v1/requests/{first['id']}")).json()
        contest = await client.post(
            f"/v1/requests/by-code/{first['tracking_code']}/reopen",
            params={"k": first["reporter_key"]},
            json={"comment": "belum"},
        )
    return {
        "a": a,
        "b": b,
        "first": first["id"],
        "second": second["id"],
        "before": before,
        "after": after,
        "mails_at_erasure": mails_at_erasure,
        "contest": contest.status_code,
    }


async def test_intake_forgets_the_citizen_of_a_request_closed_long_enough_and_keeps_the_open_ones(
    stack: Stack, flow: dict[str, Any]
) -> None:
    sql = "SELECT count(*) AS contacts, count(link_token) AS keys FROM reporters r"
    sql += " LEFT JOIN contacts c USING (reporter_id) WHERE r.request_id = $1"
    intake = stack.databases["intake"]
    assert await fetch(intake, sql.replace("count(*)", "count(c.email)"), flow["first"]) == [
        {"contacts": 0, "keys": 0}
    ]
    assert await fetch(intake, sql.replace("count(*)", "count(c.email)"), flow["second"]) == [
        {"contacts": 1, "keys": 1}
    ]
    said = await fetch(
        intake, "SELECT text, rating FROM citizen_messages WHERE request_id = $1", flow["first"]
    )
    assert said == [{"text": None, "rating": 4}]


async def test_what_anyone_sees_of_the_request_is_the_same_after_the_erasure(flow: dict[str, Any]) -> None:
    assert flow["after"] == flow["before"]


async def test_the_citizen_can_no_longer_act_with_their_old_key(flow: dict[str, Any]) -> None:
    assert flow["contest"] == 403


async def test_notify_keeps_the_delivery_log_without_names_addresses_or_texts(
    stack: Stack, flow: dict[str, Any]
) -> None:
    notify = stack.databases["notify"]
    people = "SELECT name, email, phone, link_token FROM contacts WHERE request_id = $1"
    assert await fetch(notify, people, flow["first"]) == [
        dict.fromkeys(("name", "email", "phone", "link_token"))
    ]
    assert (await fetch(notify, people, flow["second"]))[0]["email"] == flow["b"]["email"]
    log = await fetch(
        notify, "SELECT kind, state, recipient, body FROM notifications WHERE request_id = $1", flow["first"]
    )
    assert {r["kind"] for r in log} >= {"received", "assigned", "resolved"}
    assert all(r["state"] in ("sent", "delivered") and r["recipient"] == r["body"] == "" for r in log)


async def test_the_citizen_was_told_of_every_change_once_and_nothing_after_the_erasure(
    flow: dict[str, Any],
) -> None:
    mails = messages_to(flow["a"]["email"])
    assert len(mails) == flow["mails_at_erasure"] >= 4
    subjects = [str(m["Subject"]) for m in mails]
    assert len(set(subjects)) == len(subjects)


async def test_the_erasure_travels_once_on_the_restricted_topic_and_says_nothing_personal(
    stack: Stack, flow: dict[str, Any]
) -> None:
    records = await read_all(KAFKA, stack.namespace + topics.CITIZENS_CONTACT)
    events = [json.loads(r.value) for r in records]
    erasures = [e for e in events if e["type"] == ERASED]
    assert [e["subject"] for e in erasures] == [flow["first"]]
    text = json.dumps(erasures)
    assert all(v not in text for v in flow["a"].values())
