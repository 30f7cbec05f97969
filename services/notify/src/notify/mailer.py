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
    """Send over connections kept open between messages (one per concurrent sender).

    A kept connection the server has closed meanwhile is replaced once, at once: that is not a
    failure of the message. Any other error closes the connection and is classified.
    """
    idle: list[aiosmtplib.SMTP] = []

    async def send_on(client: aiosmtplib.SMTP, message: EmailMessage) -> None:
        """Send on `client` and keep it for the next message; on any error it is closed."""
        try:
            if not client.is_connected:
                await client.connect()
            await client.send_message(message)
        except BaseException:
            client.close()
            raise
        idle.append(client)

    async def deliver(message: EmailMessage) -> None:
        if idle:
            try:
                await send_on(idle.pop(), message)
                return
            except (aiosmtplib.SMTPServerDisconnected, ConnectionError):
                pass  # closed by the server while it idled: once more, on a new connection
        await send_on(aiosmtplib.SMTP(hostname=host, port=port, timeout=timeout), message)

    async def send(email: Outgoing) -> str | None:
        message = compose(email, sender=sender)
        try:
            await deliver(message)
        except (aiosmtplib.SMTPException, OSError) as error:
            raise classify(error) from None
        return str(message["Message-ID"])

    return send
