"""What one change makes for one reporter: one message on their first channel, held in quiet
hours and then replacing what is still held for them; a recorded reason when there is none."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from notify.planning import Held, failover, plan

from tests.unit.notify.builders import LINKS, NOON_JAKARTA, change, contact, telling

NIGHT = datetime(2025, 3, 10, 15, 30, tzinfo=UTC)  # 22:30 in Jakarta
SEVEN_JAKARTA = datetime(2025, 3, 11, 0, 0, tzinfo=UTC)


def test_the_message_goes_to_the_first_channel_the_citizen_prefers_with_every_channel_drafted() -> None:
    p = plan(
        contact(channels=("whatsapp", "sms", "email")), telling(change(seq=3)), links=LINKS, now=NOON_JAKARTA
    )

    (n,) = p.notifications
    assert p.outcome == "notified"
    assert (n.channel, n.recipient, n.kind, n.status_seq) == ("whatsapp", "+62 812 1234 5678", "assigned", 3)
    assert n.template == "v2/short/assigned.id"
    assert set(n.drafts) == {"whatsapp", "sms", "email"}
    assert n.drafts["email"].template == "v2/email/assigned.id"


def test_an_opted_out_channel_or_one_without_an_address_is_skipped() -> None:
    opted = plan(
        contact(channels=("sms", "email"), opted_out=frozenset({"sms"})),
        telling(change()),
        links=LINKS,
        now=NOON_JAKARTA,
    )
    no_phone = plan(
        contact(channels=("sms", "email"), phone=None), telling(change()), links=LINKS, now=NOON_JAKARTA
    )

    assert [n.channel for n in opted.notifications] == ["email"]
    assert [n.channel for n in no_phone.notifications] == ["email"]


def test_a_citizen_whose_channels_cannot_be_used_gets_a_failed_record_saying_why() -> None:
    p = plan(
        contact(channels=("sms", "email"), phone=None, opted_out=frozenset({"email"})),
        telling(change()),
        links=LINKS,
        now=NOON_JAKARTA,
    )

    assert p.outcome == "unreachable"
    assert {(n.channel, n.state, n.failure) for n in p.notifications} == {
        ("sms", "failed", "no_address"),
        ("email", "failed", "opted_out"),
    }
    assert {n.error for n in p.notifications} == {
        "no phone number to send sms to",
        "the citizen opted out of email",
    }


def test_an_anonymous_citizen_is_recorded_unreachable_without_any_message() -> None:
    p = plan(contact(email=None, phone=None), telling(change()), links=LINKS, now=NOON_JAKARTA)

    assert (p.outcome, p.notifications) == ("unreachable", ())


def test_a_rejection_is_silent_it_is_told_with_the_rerouting_after_it() -> None:
    assert plan(contact(), telling(change("rejected", 4)), links=LINKS, now=NOON_JAKARTA).outcome == "silent"


def test_each_reporter_gets_their_own_message_with_their_own_id_and_secret() -> None:
    submitter = plan(contact(), telling(change()), links=LINKS, now=NOON_JAKARTA)
    follower = plan(
        contact(reporter="r-2", link_token="other-secret", submitted_at=NOON_JAKARTA - timedelta(days=1)),
        telling(change()),
        links=LINKS,
        now=NOON_JAKARTA,
    )

    (one,), (two,) = submitter.notifications, follower.notifications
    assert one.id != two.id
    assert (one.reporter, two.reporter) == ("", "r-2")
    assert "k=other-secret" in two.body
    assert "k=other-secret" not in one.body


def test_a_follower_is_not_told_what_happened_before_they_followed() -> None:
    follower = contact(reporter="r-2", submitted_at=NOON_JAKARTA + timedelta(hours=1))

    assert plan(follower, telling(change()), links=LINKS, now=NOON_JAKARTA).outcome == "before_following"


def test_a_followers_first_message_says_they_follow_it_and_where_it_stands() -> None:
    follower = contact(reporter="r-2", submitted_at=NOON_JAKARTA + timedelta(hours=1))
    standing = change("in_progress", 4, status="in_progress")

    p = plan(follower, telling(change("received", 0), standing=standing), links=LINKS, now=NOON_JAKARTA)

    (n,) = p.notifications
    assert n.subject == "Anda kini mengikuti permintaan DK-7K3M-9QXA"
    assert "Posisinya sekarang: sedang dikerjakan (Dinas Bina Marga)." in n.body


def test_a_non_urgent_message_at_night_is_held_until_seven_in_the_citizens_morning() -> None:
    (n,) = plan(contact(), telling(change()), links=LINKS, now=NIGHT).notifications

    assert n.held_until == n.due_at == SEVEN_JAKARTA


def test_an_urgent_message_at_night_goes_at_once() -> None:
    (n,) = plan(contact(), telling(change("escalated", urgent=True)), links=LINKS, now=NIGHT).notifications

    assert (n.due_at, n.held_until) == (NIGHT, None)


def held(kind: str, seq: int, channel: str = "email") -> Held:
    return Held(uuid.uuid4(), channel, change(kind, seq))


def test_a_message_planned_while_others_are_held_replaces_them_and_says_what_changed_since() -> None:
    waiting = [held("received", 0), held("assigned", 1), held("acknowledged", 2), held("in_progress", 3)]
    latest = change("resolved", 6, note="Lubang sudah ditambal")

    p = plan(contact(), telling(latest), links=LINKS, now=NIGHT, held=waiting)

    (n,) = p.notifications
    assert set(p.supersedes) == {h.id for h in waiting}
    assert n.held_until == SEVEN_JAKARTA
    assert n.subject == "Permintaan DK-7K3M-9QXA telah diselesaikan"
    assert "Posisi permintaan Anda sekarang: selesai (Dinas Bina Marga)." in n.body
    assert "Yang terjadi sejak pesan terakhir kami:" in n.body
    for line in (
        "permintaan diterima",
        "ditangani Dinas Bina Marga",
        "dikonfirmasi Dinas Bina Marga",
        "mulai dikerjakan",
    ):
        assert f"WIB: {line}\n" in n.body


def test_a_short_message_replacing_held_ones_counts_them() -> None:
    waiting = [held("received", 0, "sms"), held("assigned", 1, "sms")]

    (n,) = plan(
        contact(channels=("sms",)), telling(change("acknowledged", 2)), links=LINKS, now=NIGHT, held=waiting
    ).notifications

    assert "(+2 kabar sebelumnya)" in n.body


def test_messages_held_on_another_channel_are_left_alone() -> None:
    p = plan(
        contact(channels=("sms",)),
        telling(change("acknowledged", 2)),
        links=LINKS,
        now=NIGHT,
        held=[held("received", 0, "email")],
    )

    assert p.supersedes == ()


def test_an_urgent_change_at_night_goes_at_once_and_takes_the_held_ones_with_it() -> None:
    waiting = [held("received", 0), held("assigned", 1)]

    p = plan(contact(), telling(change("escalated", 2, urgent=True)), links=LINKS, now=NIGHT, held=waiting)

    (n,) = p.notifications
    assert n.held_until is None
    assert len(p.supersedes) == 2


def test_a_failed_channel_hands_over_to_the_next_untried_one_with_its_own_text() -> None:
    c = contact(channels=("whatsapp", "sms", "email"))
    (failed,) = plan(c, telling(change()), links=LINKS, now=NOON_JAKARTA).notifications

    sms = failover(failed, c, {"whatsapp"}, now=NOON_JAKARTA)
    email = failover(failed, c, {"whatsapp", "sms"}, now=NOON_JAKARTA)

    assert sms is not None
    assert email is not None
    assert (sms.channel, sms.recipient, sms.body) == ("sms", "+62 812 1234 5678", failed.drafts["sms"].body)
    assert (email.channel, email.subject, email.template) == (
        "email",
        failed.drafts["email"].subject,
        "v2/email/assigned.id",
    )
    assert email.body.startswith("Yth. Siti Rahayu,")
    assert sms.id != failed.id
    assert failover(failed, c, {"whatsapp", "sms", "email"}, now=NOON_JAKARTA) is None
