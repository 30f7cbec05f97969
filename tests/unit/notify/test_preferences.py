from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from notify.preferences import (
    InvalidToken,
    Preferences,
    QuietHours,
    normalised,
    quiet_release,
    sign,
    usable_channels,
    verify,
)

NOW = datetime(2025, 3, 10, 5, 0, tzinfo=UTC)  # 12:00 in Jakarta
SECRET = "preferences-secret"
ADDRESSES: dict[str, str | None] = {"email": "siti@example.org", "sms": "+62 812", "whatsapp": "+62 812"}


def at_jakarta(hour: int, minute: int = 0, day: int = 10) -> datetime:
    return datetime(2025, 3, day, hour, minute, tzinfo=UTC) - timedelta(hours=7)


@pytest.mark.parametrize(("hour", "minute"), [(7, 0), (12, 0), (20, 59)])
def test_daytime_messages_go_at_once(hour: int, minute: int) -> None:
    assert quiet_release(at_jakarta(hour, minute), "Asia/Jakarta", urgent=False) is None


def test_an_evening_message_waits_for_seven_the_next_morning() -> None:
    release = quiet_release(at_jakarta(21, 0), "Asia/Jakarta", urgent=False)

    assert release == at_jakarta(7, 0, day=11)


def test_a_message_after_midnight_waits_for_seven_the_same_morning() -> None:
    assert quiet_release(at_jakarta(3, 30, day=11), "Asia/Jakarta", urgent=False) == at_jakarta(7, 0, day=11)


def test_an_urgent_message_ignores_quiet_hours() -> None:
    assert quiet_release(at_jakarta(23, 0), "Asia/Jakarta", urgent=True) is None


def test_quiet_hours_follow_the_citizens_own_time_zone() -> None:
    noon_in_jakarta = at_jakarta(12, 0)  # 14:00 in Jayapura, 00:00 in New York

    assert quiet_release(noon_in_jakarta, "Asia/Jayapura", urgent=False) is None
    assert quiet_release(noon_in_jakarta, "America/New_York", urgent=False) is not None


def test_an_unknown_time_zone_counts_as_jakarta() -> None:
    assert quiet_release(at_jakarta(22, 0), "Mars/Olympus", urgent=False) == at_jakarta(7, 0, day=11)


def test_usable_channels_keep_the_citizens_order_without_opt_outs_or_missing_addresses() -> None:
    p = Preferences(channels=("whatsapp", "sms", "email"), opted_out=frozenset({"sms"}))

    assert usable_channels(p, ADDRESSES) == ["whatsapp", "email"]
    assert usable_channels(p, {**ADDRESSES, "whatsapp": None}) == ["email"]
    assert usable_channels(Preferences(channels=("fax", "email")), ADDRESSES) == ["email"]


def test_a_signed_link_names_its_request_until_it_expires() -> None:
    token = sign("req-1", now=NOW, secret=SECRET, valid_for=timedelta(days=30))

    assert verify(token, now=NOW + timedelta(days=29), secret=SECRET) == ("req-1", "")
    with pytest.raises(InvalidToken, match="expired"):
        verify(token, now=NOW + timedelta(days=30), secret=SECRET)


@pytest.mark.parametrize(
    "tamper",
    [
        lambda t: t[:-1] + ("A" if t[-1] != "A" else "B"),
        lambda t: "x" + t,
        lambda t: t.split(".")[0],
        lambda t: "",
    ],
)
def test_an_altered_or_truncated_link_is_refused(tamper: object) -> None:
    token = sign("req-1", now=NOW, secret=SECRET, valid_for=timedelta(days=30))

    with pytest.raises(InvalidToken):
        verify(tamper(token), now=NOW, secret=SECRET)  # type: ignore[operator]


def test_a_link_signed_with_another_secret_is_refused() -> None:
    token = sign("req-1", now=NOW, secret="someone-else", valid_for=timedelta(days=30))

    with pytest.raises(InvalidToken):
        verify(token, now=NOW, secret=SECRET)


def test_quiet_hours_are_a_setting_and_can_be_switched_off() -> None:
    late_shift = QuietHours.parse("23:30-05:00")
    never = QuietHours.parse("")

    assert quiet_release(at_jakarta(22, 0), "Asia/Jakarta", urgent=False, quiet=late_shift) is None
    assert quiet_release(at_jakarta(23, 45), "Asia/Jakarta", urgent=False, quiet=late_shift) == at_jakarta(
        5, 0, day=11
    )
    assert quiet_release(at_jakarta(2, 0), "Asia/Jakarta", urgent=False, quiet=never) is None


def test_preferences_from_outside_keep_only_what_notify_can_honour() -> None:
    odd = Preferences(channels=("fax", "sms", "sms"), language="fr", timezone="Mars/Olympus")

    assert normalised(odd) == Preferences(("sms",), "id", frozenset(), "Asia/Jakarta")
    assert normalised(Preferences(channels=("pigeon",))).channels == ("email",)


def test_a_followers_link_names_the_follower_so_they_change_only_their_own_choices() -> None:
    token = sign("req-1", "r-2", now=NOW, secret=SECRET, valid_for=timedelta(days=30))

    assert verify(token, now=NOW, secret=SECRET) == ("req-1", "r-2")
