"""Links that open something for a while without a password: `?exp=<unix time>&sig=<hmac>`.

Routing hands an agency that is signed in (by key or staff session) a short-lived link to a
photo intake stores; intake checks the signature with the secret both services are given
(`DEKAT_LINK_SECRET`). No service calls another: the agency's browser follows the link.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime, timedelta


def signature(secret: str, subject: str, expires: int) -> str:
    return hmac.new(secret.encode(), f"{subject}\n{expires}".encode(), hashlib.sha256).hexdigest()


def signed_query(secret: str, subject: str, *, now: datetime, valid_for: timedelta) -> str:
    """`exp=...&sig=...` for a link to `subject` (a path, say) valid from `now` for `valid_for`."""
    expires = int((now + valid_for).timestamp())
    return f"exp={expires}&sig={signature(secret, subject, expires)}"


def valid(secret: str, subject: str, *, expires: int, sig: str, now: datetime) -> bool:
    """Whether `sig` was made with `secret` for `subject` and has not expired by `now`."""
    if now.timestamp() >= expires:
        return False
    return hmac.compare_digest(sig.encode(), signature(secret, subject, expires).encode())
