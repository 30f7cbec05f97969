"""Email through SMTP. No idempotency key there: a stable Message-ID at least makes a resend recognisable."""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import formatdate, parseaddr

import aiosmtplib

from notify.channels import Outgoing, PermanentFailure, Send, TemporaryFailure


def compose(email: Outgoing, *, sender: str) -> EmailMessage:
    """The MIME message; its Message-ID comes from the notification id."""
    domain = parseaddr(sender)[1].rpartition("@")[2] or "dekat.local"
    message = EmailMessage()
    message["From"] = sender
    message["To"] = email.to
    message["Subject"] = email.subject
    message["Date"] = formatdate(localtime=False, usegmt=True)
    message["Message-ID"] = f"<{email.id}@{domain}>"
    message.set_content(email.body)
    return message


def classify(error: Exception) -> Exception:
    """5xx replies and refused recipients are permanent; the rest (connection, 4xx) temporary.

    Only the class and code are kept: SMTP replies may quote the citizen's address.
    """
    code = getattr(error, "code", None)
    what = f"{type(error).__name__}{f' {code}' if code else ''}"
    if isinstance(error, aiosmtplib.SMTPRecipientsRefused) or (isinstance(code, int) and code >= 500):
        return PermanentFailure(what)
    return TemporaryFailure(what)


def smtp(host: str, port: int, *, sender: str, timeout: float = 30.0) -> Send:
    async def send(email: Outgoing) -> str | None:
        message = compose(email, sender=sender)
        try:
            await aiosmtplib.send(message, hostname=host, port=port, timeout=timeout)
        except (aiosmtplib.SMTPException, OSError) as error:
            raise classify(error) from None
        return str(message["Message-ID"])

    return send
