from __future__ import annotations

import uuid

import pytest
from notify.channels import Outgoing, PermanentFailure, Send, TemporaryFailure
from notify.providers import in_turn

MESSAGE = Outgoing(uuid.uuid4(), "sms", "+62 812", "subject", "body")


def provider(name: str, calls: list[str], error: Exception | None = None) -> Send:
    async def send(message: Outgoing) -> str | None:
        calls.append(name)
        if error is not None:
            raise error
        return f"{name}-1"

    return send


async def test_a_provider_that_refuses_for_good_hands_over_to_the_next() -> None:
    calls: list[str] = []
    send = in_turn([provider("a", calls, PermanentFailure("422")), provider("b", calls)])

    assert await send(MESSAGE) == "b-1"
    assert calls == ["a", "b"]


async def test_a_temporary_failure_does_not_hand_over_so_nothing_can_be_sent_twice() -> None:
    calls: list[str] = []
    send = in_turn([provider("a", calls, TemporaryFailure("timeout")), provider("b", calls)])

    with pytest.raises(TemporaryFailure):
        await send(MESSAGE)
    assert calls == ["a"]


async def test_when_every_provider_refuses_the_channel_has_failed_for_good() -> None:
    calls: list[str] = []
    send = in_turn(
        [provider("a", calls, PermanentFailure("a: 422")), provider("b", calls, PermanentFailure("b: 400"))]
    )

    with pytest.raises(PermanentFailure, match="a: 422; b: 400"):
        await send(MESSAGE)
