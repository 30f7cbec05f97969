"""Why a message did not reach the citizen, in a word for machines and a sentence for operators."""

from __future__ import annotations

from typing import Literal

Failure = Literal[
    "no_address", "opted_out", "refused", "too_many_attempts", "undelivered", "no_provider", "erased"
]

ADDRESS = {"email": "email address", "sms": "phone number", "whatsapp": "phone number"}


def explained(failure: Failure, channel: str, detail: str | None = None) -> str:
    """The plain reason the notification log shows (never the address itself)."""
    said = f": {detail}" if detail else ""
    return {
        "no_address": f"no {ADDRESS.get(channel, 'address')} to send {channel} to",
        "opted_out": f"the citizen opted out of {channel}",
        "refused": f"the {channel} provider refused it{said}",
        "too_many_attempts": f"gave up after too many attempts{said}",
        "undelivered": f"the {channel} provider could not deliver it{said}",
        "no_provider": f"no provider is configured for {channel}",
        "erased": "the citizen's contact details were erased before it was sent",
    }[failure]
