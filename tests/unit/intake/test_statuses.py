from __future__ import annotations

import pytest
from intake.requests import normal_tracking_code
from intake.statuses import moves_forward, open311_status, refusal


def test_only_a_newer_status_event_moves_the_request() -> None:
    assert moves_forward(2, 3)
    assert not moves_forward(3, 3)
    assert not moves_forward(3, 2)


@pytest.mark.parametrize(
    ("status", "seen"), [("resolved", "closed"), ("closed", "closed"), ("reopened", "open")]
)
def test_open311_sees_open_or_closed(status: str, seen: str) -> None:
    assert open311_status(status) == seen


def test_a_rating_waits_for_the_resolution_and_information_for_the_question() -> None:
    assert refusal("rate", "resolved") is None
    assert "in_progress" in (refusal("rate", "in_progress") or "")
    assert refusal("provide_info", "info_requested") is None
    assert refusal("reopen", "assigned") is not None


def test_a_tracking_code_read_out_loosely_is_understood() -> None:
    assert normal_tracking_code("dk 7k3m 9qxa") == "DK-7K3M-9QXA"
    assert normal_tracking_code("DK-7K3M-9QXA") == "DK-7K3M-9QXA"
