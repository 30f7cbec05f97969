"""Counter and mobile-unit keys: only digests are stored, and a key opens only its own owner."""

from __future__ import annotations

import json

import pytest
from intake import channel_keys, counters, mobile_units
from intake.channel_keys import KeyBook, Owner, digest, refusal

from tests.unit.intake.builders import ROOT

BOOK: KeyBook = {
    ("counter", "ptsp-menteng"): (digest("menteng-key"), digest("menteng-next-key")),
    ("counter", "mpp-jakarta-utara"): (digest("utara-key"),),
    ("mobile", "mpk-jakarta-utara"): (digest("unit-key"),),
}


def test_a_counters_own_key_is_accepted_and_so_is_its_next_one_while_rotating() -> None:
    assert refusal(BOOK, ("counter", "ptsp-menteng"), "menteng-key") is None
    assert refusal(BOOK, ("counter", "ptsp-menteng"), "menteng-next-key") is None


@pytest.mark.parametrize("key", [None, ""])
def test_no_key_is_a_401(key: str | None) -> None:
    assert refusal(BOOK, ("counter", "ptsp-menteng"), key) == 401


def test_a_wrong_key_or_another_counters_key_is_a_403() -> None:
    assert refusal(BOOK, ("counter", "ptsp-menteng"), "guess") == 403
    assert refusal(BOOK, ("counter", "ptsp-menteng"), "utara-key") == 403


def test_a_counters_key_does_not_open_the_mobile_unit_of_the_same_name() -> None:
    assert refusal(BOOK, ("mobile", "mpk-jakarta-utara"), "utara-key") == 403
    assert refusal(BOOK, ("mobile", "mpk-jakarta-utara"), "unit-key") is None


def test_an_owner_without_keys_lets_no_one_in() -> None:
    assert refusal(BOOK, ("mobile", "mpk-kabupaten-bogor"), "unit-key") == 403


def test_a_plain_key_in_the_file_is_refused_at_load() -> None:
    with pytest.raises(ValueError, match="digests"):
        channel_keys.parse({"keys": [{"channel": "counter", "id": "ptsp-menteng", "sha256": "demo-key"}]})


def test_an_unknown_channel_in_the_file_is_refused_at_load() -> None:
    with pytest.raises(ValueError, match="channel"):
        channel_keys.parse({"keys": [{"channel": "fax", "id": "x", "sha256": digest("k")}]})


def test_the_shipped_file_holds_the_documented_demo_key_of_every_counter_and_unit_and_no_key() -> None:
    text = (ROOT / "deploy/catalogue/channel_keys.json").read_text()
    book = channel_keys.parse(json.loads(text))
    registered: list[Owner] = [
        ("counter", c.id) for c in counters.load(ROOT / "deploy/catalogue/counters.json")
    ]
    registered += [("mobile", u) for u in mobile_units.load(ROOT / "deploy/catalogue/mobile_units.json")]

    assert set(book) == set(registered)
    for channel, owner_id in registered:
        assert refusal(book, (channel, owner_id), f"demo-{channel}-{owner_id}-key") is None
    assert '-key"' not in text
