"""notify as a real process on real Kafka and PostgreSQL, beside the fake SMS/WhatsApp provider:
every change told once, in order, on the citizen's channel, across outages and crashes."""

from __future__ import annotations

import asyncio
import re
import uuid
from datetime import UTC, datetime

import httpx
import pytest
from dekat import topics
from notify import gsm

from tests.e2e.mailbox import messages_to, text_of, wait_for_mail
from tests.integration.notify.events import assigned, contact, new_request, person, status
from tests.integration.notify.running import (
    Notify,
    notifications,
    provider_messages,
    provider_rule,
    publish,
    until,
)

pytestmark = pytest.mark.e2e


async def test_the_citizen_is_told_of_receipt_and_assignment_by_sms_once_each(notify: Notify) -> None:
    request_id, who = new_request(), person()
    await publish(notify, topics.REQUESTS_ASSIGNED, assigned(request_id))
    await publish(notify, topics.CITIZENS_CONTACT, contact(request_id, who))

    sms = await until(lambda: provider_messages(notify, who["phone"]), lambda m: len(m) >= 2)
    assert [m["calls"] for m in sms] == [1, 1]
    assert "terima" in sms[0]["body"]
    assert "Dinas Bina Marga" in sms[1]["body"]
    assert sms[1]["body"].endswith(f"/t/{request_id[:4].upper()}TEST")  # the short link intake serves
    log = await until(
        lambda: notifications(notify, request_id), lambda ns: {n["state"] for n in ns} == {"delivered"}
    )
    assert [(n["status_seq"], n["channel"], n["kind"], n["attempts"]) for n in log] == [
        (0, "sms", "received", 1),
        (1, "sms", "assigned", 1),
    ]
    await asyncio.sleep(1)  # a second message for the same change would have come by now
    assert len(await provider_messages(notify, who["phone"])) == 2


async def test_the_log_never_shows_the_recipient_or_the_text(notify: Notify) -> None:
    request_id, who = new_request(), person()
    await publish(notify, topics.CITIZENS_CONTACT, contact(request_id, who))
    log = await until(lambda: notifications(notify, request_id), lambda ns: len(ns) == 1)

    shown = repr(log)
    assert who["phone"] not in shown
    assert who["name"] not in shown
    assert "recipient" not in log[0]
    assert "body" not in log[0]


async def test_an_english_speaker_reads_english_on_email(notify: Notify) -> None:
    request_id, who = new_request(), person()
    await publish(
        notify, topics.CITIZENS_CONTACT, contact(request_id, who, channels=["email"], language="en")
    )

    (mail,) = await wait_for_mail(who["email"])
    assert "We received your request" in mail["Subject"]
    assert f"Dear {who['name']}," in text_of(mail)


async def test_a_provider_outage_is_retried_and_delivered_once_after_recovery(notify: Notify) -> None:
    request_id, who = new_request(), person()
    await provider_rule(notify, to=who["phone"], fail="temporary")
    await publish(notify, topics.CITIZENS_CONTACT, contact(request_id, who))

    retrying = await until(
        lambda: notifications(notify, request_id), lambda ns: bool(ns) and ns[0]["attempts"] >= 3
    )
    assert retrying[0]["state"] in ("created", "sending")
    assert await provider_messages(notify, who["phone"]) == []

    await provider_rule(notify, to=who["phone"])
    (log,) = await until(lambda: notifications(notify, request_id), lambda ns: ns[0]["state"] == "delivered")
    assert log["attempts"] >= 4
    (sms,) = await provider_messages(notify, who["phone"])  # one message, however many calls
    assert sms["calls"] == log["attempts"]


async def test_a_channel_that_fails_for_good_hands_over_to_the_next_one(notify: Notify) -> None:
    request_id, who = new_request(), person()
    await provider_rule(notify, to=who["phone"], fail="permanent")
    await publish(notify, topics.CITIZENS_CONTACT, contact(request_id, who, channels=["whatsapp", "email"]))

    await wait_for_mail(who["email"])
    log = await until(lambda: notifications(notify, request_id), lambda ns: len(ns) == 2)
    assert {(n["channel"], n["state"]) for n in log} == {("whatsapp", "failed"), ("email", "sent")}
    failed = await notifications(notify, request_id, state="failed")
    assert [n["channel"] for n in failed] == ["whatsapp"]
    assert failed[0]["failure"] == "refused"
    assert (
        failed[0]["error"] == "the whatsapp provider refused it: provider answered 422: unreachable_recipient"
    )


async def test_a_burst_of_changes_reaches_the_citizen_in_status_order(notify: Notify) -> None:
    request_id, who = new_request(), person()
    await provider_rule(notify, to=who["phone"], delay=0.2)  # slow enough for a race to show
    burst = [
        assigned(request_id, 1),
        status(request_id, "acknowledged", 2),
        status(request_id, "in_progress", 3),
        status(request_id, "info_requested", 4, note="Foto lubang dari dekat"),
        status(request_id, "in_progress", 5),
        status(request_id, "resolved", 6, note="Lubang sudah ditambal"),
    ]
    await publish(notify, topics.CITIZENS_CONTACT, contact(request_id, who))
    await publish(notify, topics.REQUESTS_ASSIGNED, burst[0])
    await publish(notify, topics.REQUESTS_STATUS, *burst[1:])

    sms = await until(lambda: provider_messages(notify, who["phone"]), lambda m: len(m) >= 7, timeout=60)
    log = await notifications(notify, request_id)
    seq_of = {n["id"]: n["status_seq"] for n in log}
    assert [seq_of[uuid.UUID(m["reference"]).__str__()] for m in sms] == [0, 1, 2, 3, 4, 5, 6]
    assert "Foto lubang dari dekat" in sms[4]["body"]
    assert "Lubang sudah ditambal" in sms[6]["body"]
    assert "/t/" in sms[6]["body"]  # the rating link: the short link to the citizen's tracking page
    assert len(messages_to(who["email"])) == 0


async def test_metrics_count_states_retries_and_first_message_latency_without_personal_labels(
    notify: Notify,
) -> None:
    request_id, who = new_request(), person()
    await publish(notify, topics.CITIZENS_CONTACT, contact(request_id, who))
    await until(
        lambda: notifications(notify, request_id), lambda ns: bool(ns) and ns[0]["state"] == "delivered"
    )

    async with httpx.AsyncClient(base_url=notify.url) as client:
        scraped = (await client.get("/metrics")).text

    assert 'dekat_notify_notifications_total{channel="sms",state="delivered"}' in scraped
    assert 'dekat_notify_retries_total{channel="sms"}' in scraped  # the outage test retried
    assert 'dekat_notify_provider_failures_total{kind="permanent"' in scraped
    assert re.search(r"dekat_request_first_notification_latency_seconds_count [1-9]", scraped)
    assert re.search(r'dekat_notify_delivery_latency_seconds_count\{channel="sms"\} [1-9]', scraped)
    assert who["phone"] not in scraped
    assert request_id not in scraped


async def test_an_sms_is_short_and_links_to_the_tracking_page_with_the_reporters_secret(
    notify: Notify,
) -> None:
    request_id, who = new_request(), person()
    await publish(
        notify, topics.CITIZENS_CONTACT, contact(request_id, who, channels=["sms"], link_token="s3cret")
    )
    await publish(notify, topics.REQUESTS_ASSIGNED, assigned(request_id, 1))

    sms = await until(lambda: provider_messages(notify, who["phone"]), lambda m: len(m) >= 2)
    code = f"{request_id[:4].upper()}TEST"
    assert [m["body"].endswith(f"/t/{code}?k=s3cret") for m in sms] == [True, True]
    assert all(gsm.segments(m["body"]) <= 2 for m in sms)
    assert "Yth." not in sms[1]["body"]


async def test_every_reporter_of_a_request_is_told_once_on_their_own_channel(notify: Notify) -> None:
    request_id, submitter, follower = new_request(), person(), person()
    since = datetime(2020, 1, 1, tzinfo=UTC)
    await publish(
        notify,
        topics.CITIZENS_CONTACT,
        contact(request_id, submitter, channels=["sms"], submitted_at=since),
        contact(
            request_id,
            follower,
            channels=["email"],
            reporter_id="r-2",
            link_token="f0ll0w",
            submitted_at=since,
        ),
    )
    await publish(notify, topics.REQUESTS_ASSIGNED, assigned(request_id, 1))

    sms = await until(lambda: provider_messages(notify, submitter["phone"]), lambda m: len(m) >= 2)
    mail = await wait_for_mail(follower["email"], count=2)
    log = await until(lambda: notifications(notify, request_id), lambda ns: len(ns) == 4)
    assert sorted((n["reporter"], n["status_seq"], n["channel"]) for n in log) == [
        ("", 0, "sms"),
        ("", 1, "sms"),
        ("r-2", 0, "email"),
        ("r-2", 1, "email"),
    ]
    assert len(sms) == 2
    assert "Anda kini mengikuti permintaan" in text_of(mail[0])
    assert "k=f0ll0w" in text_of(mail[1])
