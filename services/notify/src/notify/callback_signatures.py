"""Provider callbacks are signed: `X-Dekat-Signature: t=<unix time>,v1=<hex HMAC-SHA256>`.

The MAC covers `"<t>.<raw body>"`, so neither the body nor the time can be changed, and a
captured callback cannot be replayed after `TOLERANCE`. Pure: the time comes in as an argument.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime, timedelta

HEADER = "X-Dekat-Signature"
TOLERANCE = timedelta(minutes=5)


def mac(secret: str, timestamp: int, body: bytes) -> str:
    return hmac.new(secret.encode(), str(timestamp).encode() + b"." + body, hashlib.sha256).hexdigest()


def signature(secret: str, body: bytes, *, now: datetime) -> str:
    timestamp = int(now.timestamp())
    return f"t={timestamp},v1={mac(secret, timestamp, body)}"


def verify(header: str | None, body: bytes, *, secret: str, now: datetime) -> bool:
    """True only for a well-formed signature of this body, made with `secret`, recently."""
    if not header:
        return False
    parts = dict(part.split("=", 1) for part in header.split(",") if "=" in part)
    try:
        timestamp = int(parts.get("t", ""))
    except ValueError:
        return False
    if abs(now.timestamp() - timestamp) > TOLERANCE.total_seconds():
        return False
    return hmac.compare_digest(parts.get("v1", ""), mac(secret, timestamp, body))
