"""A local SMTP sink: every message received is written to a directory as an .eml file.

    python deploy/local/smtp_sink.py [--host 127.0.0.1] [--port 8025] [--maildir .run/mail]

Each file holds the message exactly as received (RFC 822 bytes), preceded by two headers with
the SMTP envelope: ``X-Dekat-Mail-From`` and ``X-Dekat-Rcpt-To`` (comma-separated).
Names are ``<arrival time in ns, 20 digits>-<sequence>.eml``, so sorting them by name sorts
them by arrival. Files are written to a hidden temporary name and renamed, so a reader never
sees a partial message.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import logging
import os
import signal
import time
from pathlib import Path
from typing import Any

from aiosmtpd.smtp import SMTP, Envelope, Session

log = logging.getLogger("smtp_sink")


class MaildirHandler:
    def __init__(self, maildir: Path) -> None:
        self.maildir = maildir
        self._seq = itertools.count()

    # The hook name is fixed by aiosmtpd.
    async def handle_DATA(  # noqa: N802
        self, server: SMTP, session: Session, envelope: Envelope
    ) -> str:
        raw: bytes = envelope.original_content or b""
        envelope_headers = (
            f"X-Dekat-Mail-From: {envelope.mail_from}\r\nX-Dekat-Rcpt-To: {', '.join(envelope.rcpt_tos)}\r\n"
        ).encode()
        path = self.write(envelope_headers + raw)
        log.info("%s -> %s: %s", envelope.mail_from, envelope.rcpt_tos, path.name)
        return "250 OK"

    def write(self, data: bytes) -> Path:
        name = f"{time.time_ns():020d}-{next(self._seq):06d}.eml"
        tmp = self.maildir / f".{name}.tmp"
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        final = self.maildir / name
        os.replace(tmp, final)
        return final


async def serve(host: str, port: int, maildir: Path) -> None:
    handler = MaildirHandler(maildir)

    def factory() -> Any:
        return SMTP(handler, hostname="dekat-smtp-sink")

    loop = asyncio.get_running_loop()
    server = await loop.create_server(factory, host=host, port=port)
    stop = asyncio.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    log.info("listening on %s:%d, writing to %s", host, port, maildir)
    async with server:
        await stop.wait()
    log.info("stopped")


def main() -> None:
    parser = argparse.ArgumentParser(description="Local SMTP sink writing .eml files.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=int(os.environ.get("SMTP_PORT", "8025")))
    parser.add_argument("--maildir", type=Path, default=Path(".run/mail"))
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd logs every command
    args.maildir.mkdir(parents=True, exist_ok=True)
    asyncio.run(serve(args.host, args.port, args.maildir))


if __name__ == "__main__":
    main()
