"""What the local SMTP sink received (`deploy/local/smtp_sink.py` writes one .eml per message)."""

from __future__ import annotations

import asyncio
import email
import email.policy
import os
from email.message import EmailMessage
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MAILDIR = Path(os.environ.get("SMTP_MAILDIR", ROOT / ".run" / "mail"))


def messages_to(address: str) -> list[EmailMessage]:
    found = []
    for path in sorted(MAILDIR.glob("*.eml")):
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        if address in str(message.get("To", "")):
            found.append(message)
    return found


async def wait_for_mail(address: str, count: int = 1, timeout: float = 60.0) -> list[EmailMessage]:
    """The mail to `address`, once at least `count` messages arrived."""
    async with asyncio.timeout(timeout):
        while len(found := messages_to(address)) < count:
            await asyncio.sleep(0.3)
    return found


def text_of(message: EmailMessage) -> str:
    body = message.get_body(preferencelist=("plain",))
    return body.get_content() if body is not None else ""
