"""notify follows intake's erasure (`citizen.erased` on the real topic): the request's reporters
lose their names and addresses, its messages their recipients and texts, and the delivery log
keeps its facts; a message still waiting is given up, a contact replayed afterwards not stored."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

import asyncpg
import pytest
from dekat import topics
from dekat.events import Envelope, new_event
from dekat.payloads import ERASED, CitizenErased

from tests.integration.notify.events import assigned, contact, new_request, person
from tests.integration.notify.running import (
    Notify,
    notifications,
    provider_messages,
    provider_rule,
    publish,
    until,
)

pytestmark = pytest.mark.e2e


def erased(request_id: str) -> Envelope:
    now = datetime.now(UTC)
    data = CitizenErased(request_id=request_id, erased_at=now, done_since=now)
    return new_event(ERASED, subject=request_id, data=data, source="intake")


async def rows(notify: Notify, sql: str, request_id: str) -> list[dict[str, Any]]:
    conn = await asyncpg.connect(notify.dsn)
    try:
        return [dict(r) for r in await conn.fetch(sql, request_id)]
    finally:
        await conn.close()


async def contacts(notify: Notify, request_id: str) -> list[dict[str, Any]]:
    sql = "SELECT name, email, phone, link_token FROM contacts WHERE request_id = $1"
    return await rows(notify, sql, request_id)


async def texts(notify: Notify, request_id: str) -> list[dict[str, Any]]:
    sql = "SELECT recipient, subject, body, drafts::text AS drafts FROM notifications"
    sql += " WHERE request_id = $1 ORDER BY status_seq"
    return await rows(notify, sql, request_id)


def forgotten(found: list[dict[str, Any]]) -> bool:
    return bool(found) and all(v is None for c in found for v in c.values())


async def test_an_erased_request_keeps_its_delivery_log_and_loses_who_was_told_and_what(
    notify: Notify,
) -> None:
    request_id, who = new_request(), person()
    await publish(notify, topics.CITIZENS_CONTACT, contact(request_id, who, link_token="secret-k"))
    await publish(notify, topics.REQUESTS_ASSIGNED, assigned(request_id))
    told = await until(
        lambda: notifications(notify, request_id), lambda ns: [n["state"] for n in ns] == ["delivered"] * 2
    )

    await publish(notify, topics.CITIZENS_CONTACT, erased(request_id))

    await until(lambda: contacts(notify, request_id), forgotten)
    blank = {"recipient": "", "subject": "", "body": "", "drafts": "{}"}
    assert await texts(notify, request_id) == [blank, blank]
    log = await notifications(notify, request_id)
    facts = ("status_seq", "channel", "kind", "state", "attempts", "sent_at", "delivered_at")
    assert [{k: n[k] for k in facts} for n in log] == [{k: n[k] for k in facts} for n in told]


async def test_a_contact_replayed_after_the_erasure_is_not_stored_and_nothing_more_is_sent(
    notify: Notify,
) -> None:
    request_id, who = new_request(), person()
    first = contact(request_id, who)
    await publish(notify, topics.CITIZENS_CONTACT, first)
    await until(lambda: provider_messages(notify, who["phone"]), lambda m: len(m) == 1)
    await publish(notify, topics.CITIZENS_CONTACT, erased(request_id))
    await until(lambda: contacts(notify, request_id), forgotten)

    again = contact(request_id, who)  # as `notify.replay` would put a parked copy back: a new event id
    await publish(notify, topics.CITIZENS_CONTACT, again)
    await publish(notify, topics.REQUESTS_ASSIGNED, assigned(request_id))
    planned = "SELECT status_seq, outcome FROM planned WHERE request_id = $1 ORDER BY status_seq"
    decided = await until(lambda: rows(notify, planned, request_id), lambda found: len(found) == 2)
    await asyncio.sleep(1)

    assert forgotten(await contacts(notify, request_id))
    assert decided[1] == {"status_seq": 1, "outcome": "unreachable"}
    assert len(await provider_messages(notify, who["phone"])) == 1


async def test_a_message_still_waiting_at_the_erasure_is_given_up_and_never_sent(notify: Notify) -> None:
    request_id, who = new_request(), person()
    await provider_rule(notify, to=who["phone"], fail="temporary")
    await publish(notify, topics.CITIZENS_CONTACT, contact(request_id, who, channels=["sms"]))
    await until(lambda: notifications(notify, request_id), lambda ns: bool(ns) and ns[0]["attempts"] >= 1)

    await publish(notify, topics.CITIZENS_CONTACT, erased(request_id))
    await until(lambda: contacts(notify, request_id), forgotten)
    await provider_rule(notify, to=who["phone"])  # the provider takes messages again
    await asyncio.sleep(2)

    (n,) = await notifications(notify, request_id)
    assert (n["state"], n["failure"]) == ("failed", "erased")
    assert await provider_messages(notify, who["phone"]) == []
