"""Phone numbers and email addresses typed into a description are hidden from everyone but the citizen."""

from __future__ import annotations

import pytest
from intake.masking import masked


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("hubungi 081234567890", "hubungi 0•••••••••••"),
        ("WA +62 812-3456-7890 ya", "WA +62 •••-••••-•••• ya"),
        ("telp 0812.3456.7890.", "telp 0•••.••••.••••."),
        ("nomor 6281234567890", "nomor 62•••••••••••"),
        ("kantor (021) 555 1234", "kantor (0••) ••• ••••"),
        ("kantor 021-5551234", "kantor 0••-•••••••"),
        ("+6281234567890", "+62•••••••••••"),
    ],
    ids=["08 plain", "+62 with dashes", "dots", "62 without plus", "(021) landline", "021-", "+62 plain"],
)
def test_indonesian_phone_numbers_keep_only_their_prefix(typed: str, shown: str) -> None:
    assert masked(typed) == shown


@pytest.mark.parametrize(
    "typed",
    ["email saya dewi.lestari+aduan@example.co.id", "Dewi_L@mail-server.id, terima kasih"],
)
def test_email_addresses_are_hidden_whole(typed: str) -> None:
    assert "@" in masked(typed)
    assert "dewi" not in masked(typed).lower()
    assert "example" not in masked(typed)
    assert "mail-server" not in masked(typed)


@pytest.mark.parametrize(
    "typed",
    [
        "Lubang 2 meter di depan No. 12, sejak 2026-05-04",
        "RT 003/RW 007, jam 08.30",
        "kedalaman 60 cm, 3 rumah",
        "NIK 3171234567890001 hilang",
        "tiang nomor 0123",
    ],
)
def test_dates_house_numbers_and_measures_stay_as_written(typed: str) -> None:
    assert masked(typed) == typed


def test_masking_twice_changes_nothing_more() -> None:
    once = masked("0812 3456 7890 / dewi@example.id")
    assert masked(once) == once
