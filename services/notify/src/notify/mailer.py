"""Email through SMTP, behind one small signature so tests and other providers can stand in."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, parseaddr
from uuid import UUID

import aiosmtplib


@dataclass(frozen=True)
class Email:
    id: UUID
    to: str
    subject: str
    body: str


Send = Callable[[Email], Awaitable[None]]
"""Returns once the provider accepted the message; raises when it did not."""


def compose(email: Email, *, sender: str) -> EmailMessage:
    """The MIME message; its Message-ID comes from the notification id, so a resend is recognisable."""
    domain = parseaddr(sender)[1].rpartition("@")[2] or "dekat.local"
    message = EmailMessage()
    message["From"] = sender
    message["To"] = email.to
    message["Subject"] = email.subject
    message["Date"] = formatdate(localtime=False, usegmt=True)
    message["Message-ID"] = f"<{email.id}@{domain}>"
    message.set_content(email.body)
    return message


def smtp(host: str, port: int, *, sender: str, timeout: float = 30.0) -> Send:
    async def send(email: Email) -> None:
        await aiosmtplib.send(compose(email, sender=sender), hostname=host, port=port, timeout=timeout)

    return send
