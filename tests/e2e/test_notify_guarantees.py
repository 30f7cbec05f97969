"""What notify promises when things go wrong or citizens change their minds, against a real
notify process, real Kafka and PostgreSQL, and the fake provider: crashes send nothing twice,
forged callbacks change nothing, STOP and quiet hours are honoured, poison can be replayed."""

from __future__ import annotations

import asyncio
import json
import re
import sys
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from aiokafka import AIOKafkaProducer
from dekat import topics
from dekat.events import Envelope
from notify import callback_signatures

from tests.conftest import KAFKA
from tests.e2e.mailbox import messages_to, text_of, wait_for_mail
from tests.integration.notify.events import assigned, contact, new_request, person, status
from tests.integration.notify.running import (
    DAYTIME,
    OPERATOR_KEY,
    ROOT,
    SECRET,
    Notify,
    notifications,
    provider_messages,
    provider_rule,
    publish,
    until,
)
from tests.kafka_reader import read_all

pytestmark = pytest.mark.e2e


async def test_notify_killed_between_the_provider_call_and_the_commit_sends_nothing_twice(
    notify: Notify,
) -> None:
    request_id, who = new_request(), person()
    await provider_rule(notify, to=who["phone"], delay=30, receipts=False)  # answers long after accepting
    await publish(notify, topics.CITIZENS_CONTACT, contact(request_id, who, channels=["sms"]))
    await until(lambda: provider_messages(notify, who["phone"]), lambda m: len(m) == 1)

    await notify.kill()  # the provider has the message; notify never heard back, never committed
    await provider_rule(notify, to=who["phone"], receipts=False)
    await notify.start()

    (log,) = await until(lambda: notifications(notify, request_id), lambda ns: ns[0]["state"] == "sent")
    (sms,) = await provider_messages(notify, who["phone"])
    assert log["attempts"] == 2  # tried again after the crash…
    assert sms["calls"] == 2  # …with the same idempotency key, so the provider sent nothing new


async def test_a_redelivered_event_makes_no_second_message(notify: Notify) -> None:
    request_id, who = new_request(), person()
    event = contact(request_id, who, channels=["sms"])
    await publish(notify, topics.CITIZENS_CONTACT, event, event)

    await until(
        lambda: notifications(notify, request_id), lambda ns: bool(ns) and ns[0]["state"] == "delivered"
    )
    await asyncio.sleep(1)
    assert len(await provider_messages(notify, who["phone"])) == 1
    assert len(await notifications(notify, request_id)) == 1


def signed(body: bytes, *, secret: str = SECRET, at: datetime | None = None) -> dict[str, str]:
    header = callback_signatures.signature(secret, body, now=at or datetime.now(UTC))
    return {callback_signatures.HEADER: header, "content-type": "application/json"}


async def test_unsigned_or_malformed_receipts_get_a_4xx_and_change_nothing(notify: Notify) -> None:
    request_id, who = new_request(), person()
    await provider_rule(notify, to=who["phone"], receipts=False)
    await publish(notify, topics.CITIZENS_CONTACT, contact(request_id, who, channels=["sms"]))
    (sent,) = await until(
        lambda: notifications(notify, request_id), lambda ns: bool(ns) and ns[0]["state"] == "sent"
    )
    good = json.dumps({"reference": sent["id"], "status": "failed"}).encode()
    stale = datetime.now(UTC) - timedelta(hours=1)
    attempts = [
        (good, {"content-type": "application/json"}),
        (good, signed(good, secret="not-the-secret")),
        (good, signed(good, at=stale)),
        (good, {**signed(b"something else")}),
        (b'{"reference": ', signed(b'{"reference": ')),
        (b'{"reference": "x", "status": "lost"}', signed(b'{"reference": "x", "status": "lost"}')),
    ]

    async with httpx.AsyncClient(base_url=notify.url) as client:
        answers = [
            (await client.post("/v1/callbacks/receipts", content=body, headers=headers)).status_code
            for body, headers in attempts
        ]
        assert answers == [401, 401, 401, 401, 422, 422]
        assert [n["state"] for n in await notifications(notify, request_id)] == ["sent"]

        delivered = json.dumps({"reference": sent["id"], "status": "delivered"}).encode()
        answer = await client.post("/v1/callbacks/receipts", content=delivered, headers=signed(delivered))
    assert answer.status_code == 204
    assert [n["state"] for n in await notifications(notify, request_id)] == ["delivered"]


async def test_a_stop_reply_by_sms_moves_later_messages_to_the_next_channel(notify: Notify) -> None:
    request_id, who = new_request(), person()
    await publish(notify, topics.CITIZENS_CONTACT, contact(request_id, who, channels=["sms", "email"]))
    await until(lambda: provider_messages(notify, who["phone"]), lambda m: len(m) == 1)

    async with httpx.AsyncClient(base_url=notify.provider_url) as client:
        reply = await client.post("/control/inbound", json={"sender": who["phone"], "text": " stop "})
    assert reply.json() == {"notify_status": 204}
    await publish(
        notify, topics.REQUESTS_STATUS, status(request_id, "acknowledged", 2, agency_name="PAM Jaya")
    )

    (mail,) = await wait_for_mail(who["email"])
    assert "PAM Jaya" in text_of(mail)
    assert len(await provider_messages(notify, who["phone"])) == 1
    log = await notifications(notify, request_id)
    assert [(n["status_seq"], n["channel"]) for n in log] == [(0, "sms"), (2, "email")]


async def test_quiet_hours_hold_a_message_until_seven(notify: Notify) -> None:
    request_id, who = new_request(), person()
    notify.set_clock("2030-01-10T22:00:00+07:00")
    try:
        await publish(notify, topics.CITIZENS_CONTACT, contact(request_id, who, channels=["sms"]))
        (held,) = await until(lambda: notifications(notify, request_id), lambda ns: len(ns) == 1)
        await asyncio.sleep(1.5)  # the held one, were it not held, would have gone by now
        assert await provider_messages(notify, who["phone"]) == []
        assert (held["kind"], held["state"], held["held_until"]) == (
            "received",
            "created",
            "2030-01-11T00:00:00Z",
        )

        notify.set_clock("2030-01-11T07:00:01+07:00")
        (sms,) = await until(lambda: provider_messages(notify, who["phone"]), lambda m: len(m) == 1)
        assert "terima" in sms["body"]
    finally:
        notify.set_clock(DAYTIME)


async def test_a_nights_burst_reaches_the_citizen_at_seven_as_one_message_of_where_it_stands(
    notify: Notify,
) -> None:
    request_id, who = new_request(), person()
    notify.set_clock("2030-01-10T22:00:00+07:00")
    night = [
        status(request_id, "acknowledged", 2, agency_name="Dinas Bina Marga"),
        status(request_id, "info_requested", 3, note="Foto lubang dari dekat?"),
        status(request_id, "in_progress", 4, reason="answered"),
        status(request_id, "resolved", 5, note="Lubang sudah ditambal"),
        status(request_id, "reopened", 6, reason="contested"),
    ]
    try:
        await publish(notify, topics.CITIZENS_CONTACT, contact(request_id, who, channels=["sms", "email"]))
        await publish(notify, topics.REQUESTS_ASSIGNED, assigned(request_id, 1))
        await publish(notify, topics.REQUESTS_STATUS, *night)
        log = await until(lambda: notifications(notify, request_id), lambda ns: len(ns) == 7)
        assert [(n["status_seq"], n["state"]) for n in log] == [
            *((seq, "superseded") for seq in range(6)),
            (6, "created"),
        ]
        assert {n["superseded_by"] for n in log[:6]} == {log[6]["id"]}

        notify.set_clock("2030-01-11T07:00:01+07:00")
        (sms,) = await until(lambda: provider_messages(notify, who["phone"]), lambda m: len(m) == 1)
        await asyncio.sleep(1.5)  # a second message of the burst would have come by now
        assert len(await provider_messages(notify, who["phone"])) == 1
        assert "keberatan Anda diterima. Dibuka kembali, ditangani Dinas Bina Marga." in sms["body"]
        assert "(+6 kabar sebelumnya)" in sms["body"]
        assert messages_to(who["email"]) == []
    finally:
        notify.set_clock(DAYTIME)


async def test_an_urgent_message_at_night_goes_at_once_and_takes_the_held_ones_with_it(
    notify: Notify,
) -> None:
    request_id, who = new_request(), person()
    notify.set_clock("2030-01-10T22:00:00+07:00")
    try:
        await publish(notify, topics.CITIZENS_CONTACT, contact(request_id, who, channels=["sms"]))
        await until(lambda: notifications(notify, request_id), lambda ns: len(ns) == 1)
        escalation = status(
            request_id,
            "assigned",
            1,
            change="escalated",
            urgent=True,
            agency_name="Sudin SDA",
            escalation="supervisor",
            escalated_to="Dinas SDA",
            missed="acknowledge",
        )
        await publish(notify, topics.REQUESTS_STATUS, escalation)

        (sms,) = await until(lambda: provider_messages(notify, who["phone"]), lambda m: len(m) >= 1)
        assert "Sudin SDA terlambat mengonfirmasi; kami teruskan ke Dinas SDA." in sms["body"]
        assert "(+1 kabar sebelumnya)" in sms["body"]
        log = await until(  # the provider's receipt comes back on its own time
            lambda: notifications(notify, request_id), lambda ns: ns[-1]["state"] == "delivered"
        )
        assert [(n["kind"], n["state"]) for n in log] == [
            ("received", "superseded"),
            ("escalated", "delivered"),
        ]

        notify.set_clock("2030-01-11T07:00:01+07:00")
        await asyncio.sleep(1.5)
        assert len(await provider_messages(notify, who["phone"])) == 1
    finally:
        notify.set_clock(DAYTIME)


async def test_the_link_in_an_email_opens_a_page_that_changes_channel_and_language(notify: Notify) -> None:
    request_id, who = new_request(), person()
    await publish(notify, topics.CITIZENS_CONTACT, contact(request_id, who, channels=["email"]))
    (mail,) = await wait_for_mail(who["email"])
    match = re.search(r"http://\S+(/preferences/\S+)", text_of(mail))
    assert match is not None
    page = match.group(1)

    async with httpx.AsyncClient(base_url=notify.url) as client:
        shown = await client.get(page)
        forged = await client.get(page[:-2] + "xx")
        saved = await client.post(page, data={"first": "sms", "also": ["email"], "language": "en"})
        api = (await client.get(f"/v1{page}")).json()
    assert shown.status_code == 200
    assert shown.headers["content-type"].startswith("text/html")
    assert '<form method="post"' in shown.text
    assert forged.status_code == 403
    assert saved.status_code == 303
    assert api == {
        "channels": ["sms", "email"],
        "language": "en",
        "opted_out": [],
        "timezone": "Asia/Jakarta",
    }

    await publish(
        notify, topics.REQUESTS_STATUS, status(request_id, "in_progress", 1, agency_name="PAM Jaya")
    )  # the change right after "received": a later one would wait for those between
    sms = await until(lambda: provider_messages(notify, who["phone"]), lambda m: len(m) == 1)
    assert "PAM Jaya is working on it." in sms[0]["body"]


async def test_choosing_a_channel_without_an_address_is_refused_naming_the_field(notify: Notify) -> None:
    request_id, who = new_request(), person()
    await publish(notify, topics.CITIZENS_CONTACT, contact(request_id, who, channels=["email"], phone=None))
    (mail,) = await wait_for_mail(who["email"])
    match = re.search(r"http://\S+(/preferences/\S+)", text_of(mail))
    assert match is not None
    page = match.group(1)

    async with httpx.AsyncClient(base_url=notify.url) as client:
        on_page = await client.post(page, data={"first": "sms", "language": "id"})
        by_api = await client.put(f"/v1{page}", json={"channels": ["whatsapp"], "language": "id"})
        unchanged = (await client.get(f"/v1{page}")).json()
    assert on_page.status_code == 422
    assert "Kami tidak punya nomor telepon Anda, jadi tidak bisa mengirim SMS." in on_page.text
    assert by_api.status_code == 422
    assert by_api.json()["problems"][0]["field"] == "channels"
    assert unchanged["channels"] == ["email"]


async def test_the_notification_log_is_for_operators_only(notify: Notify) -> None:
    async with httpx.AsyncClient(base_url=notify.url) as client:
        without = await client.get("/v1/notifications")
        wrong = await client.get("/v1/notifications", headers={"X-API-Key": "not-the-key"})
        right = await client.get("/v1/notifications", headers={"X-API-Key": OPERATOR_KEY})
    assert (without.status_code, wrong.status_code, right.status_code) == (401, 403, 200)
    assert without.json()["field"] == "X-API-Key"
    assert set(without.json()) == {"error", "field", "message"}
    assert wrong.json()["error"] == "forbidden"


async def replay(notify: Notify, dlq: str) -> str:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "notify.replay",
        dlq,
        cwd=ROOT,
        env=notify.env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await process.communicate()
    assert process.returncode == 0, output.decode()
    return output.decode()


async def park(notify: Notify, event: Envelope, group: str) -> None:
    """The message on the DLQ exactly as a consumer parks it (`dekat.subscriptions.park`)."""
    producer = AIOKafkaProducer(**KAFKA.aiokafka(), enable_idempotence=True)
    headers = {
        "x-error": "invalid request.status_changed data: note: too long",
        "x-orig-topic": notify.namespace + topics.REQUESTS_STATUS,
        "x-orig-partition": "0",
        "x-orig-offset": "7",
        "x-consumer-group": notify.namespace + group,
    }
    await producer.start()
    try:
        await producer.send_and_wait(
            notify.namespace + topics.dlq(topics.REQUESTS_STATUS),
            event.to_bytes(),
            key=event.subject.encode(),
            headers=[(k, v.encode()) for k, v in headers.items()],
        )
    finally:
        await producer.stop()


async def test_the_replay_command_puts_parked_messages_back_on_their_topic_once(notify: Notify) -> None:
    request_id, who = new_request(), person()
    await publish(notify, topics.CITIZENS_CONTACT, contact(request_id, who, channels=["sms"]))
    await park(notify, status(request_id, "resolved", 5, note="Sudah ditambal"), "notify.status")
    await park(notify, status(request_id, "reopened", 6), "intake.status")  # intake replays its own

    first = await replay(notify, topics.dlq(topics.REQUESTS_STATUS))
    again = await replay(notify, topics.dlq(topics.REQUESTS_STATUS))

    assert "1 message(s)" in first
    assert "0 message(s)" in again
    sms = await until(lambda: provider_messages(notify, who["phone"]), lambda m: len(m) == 2)
    assert "Sudah ditambal" in sms[1]["body"]
    log = await notifications(notify, request_id)
    assert [(n["status_seq"], n["kind"]) for n in log] == [(0, "received"), (5, "resolved")]
    on_topic = await read_all(KAFKA, notify.namespace + topics.REQUESTS_STATUS)
    replayed = [r.headers for r in on_topic if r.key == request_id.encode()]
    assert len(replayed) == 1
    assert replayed[0]["x-replayed-from"].startswith(topics.dlq(topics.REQUESTS_STATUS))
