"""How a citizen wants to be reached: channels in order, language, opt-outs, quiet hours.

Pure: the time comes in as an argument. Links that let a citizen change them carry a signed
token (HMAC-SHA256 over the request id and an expiry), so no account or password is needed.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from notify import moments
from notify.failures import Failure

CHANNELS = ("email", "sms", "whatsapp")
LANGUAGES = ("id", "en")
DEFAULT_TIMEZONE = moments.DEFAULT_ZONE


@dataclass(frozen=True)
class QuietHours:
    """No non-urgent message from `start` to `end`, local time; start == end means never quiet."""

    start: time = time(21, 0)
    end: time = time(7, 0)

    @classmethod
    def parse(cls, text: str) -> QuietHours:
        """`"21:00-07:00"`; empty for no quiet hours at all."""
        if not text.strip():
            return cls(time(0, 0), time(0, 0))
        start, _, end = text.partition("-")
        return cls(time.fromisoformat(start.strip()), time.fromisoformat(end.strip()))

    def covers(self, moment: time) -> bool:
        if self.start == self.end:
            return False
        if self.start < self.end:
            return self.start <= moment < self.end
        return moment >= self.start or moment < self.end


class InvalidToken(Exception):
    """The link was forged, altered or has expired."""


@dataclass(frozen=True)
class Preferences:
    channels: tuple[str, ...] = ("email",)
    language: str = "id"
    opted_out: frozenset[str] = frozenset()
    timezone: str = DEFAULT_TIMEZONE


NIGHT = QuietHours()
"""The default: 21:00 to 07:00."""


def normalised(p: Preferences) -> Preferences:
    """Only channels we know (email if none), a language we write, a time zone that exists."""
    channels = tuple(dict.fromkeys(c for c in p.channels if c in CHANNELS)) or ("email",)
    language = p.language if p.language in LANGUAGES else "id"
    return Preferences(channels, language, p.opted_out & set(CHANNELS), zone(p.timezone).key)


def usable_channels(p: Preferences, addresses: dict[str, str | None]) -> list[str]:
    """The citizen's channels in their order, without opted-out ones or ones we have no address for."""
    return [c for c in p.channels if c in CHANNELS and c not in p.opted_out and addresses.get(c)]


def unusable(p: Preferences, addresses: dict[str, str | None]) -> dict[str, Failure]:
    """Why each chosen channel cannot be used: no address, or the citizen opted out of it."""
    why: dict[str, Failure] = {c: "opted_out" for c in p.channels if c in p.opted_out}
    return {**why, **{c: "no_address" for c in p.channels if not addresses.get(c)}}


def zone(name: str) -> ZoneInfo:
    return moments.zone(name)


def quiet_release(
    now: datetime, timezone: str, *, urgent: bool, quiet: QuietHours = NIGHT
) -> datetime | None:
    """When a message that would go out `now` may go: None if now is fine, else when quiet hours end."""
    local = now.astimezone(zone(timezone))
    if urgent or not quiet.covers(local.time()):
        return None
    day = local.date() if local.time() < quiet.end else local.date() + timedelta(days=1)
    return datetime.combine(day, quiet.end, tzinfo=local.tzinfo)


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _mac(secret: str, payload: str) -> str:
    return _b64(hmac.new(secret.encode(), payload.encode(), hashlib.sha256).digest())


def sign(request_id: str, reporter: str = "", *, now: datetime, secret: str, valid_for: timedelta) -> str:
    """A token naming the reporter of a request whose preferences it may change, until
    `now + valid_for` (no `p` for the submitter, so their older links stay valid)."""
    claims: dict[str, str | int] = {"r": request_id, "e": int((now + valid_for).timestamp())}
    if reporter:
        claims["p"] = reporter
    payload = _b64(json.dumps(claims).encode())
    return f"{payload}.{_mac(secret, payload)}"


def verify(token: str, *, now: datetime, secret: str) -> tuple[str, str]:
    """(request id, reporter) the token was made for; raises InvalidToken if forged, altered
    or expired."""
    payload, _, mac = token.partition(".")
    if not hmac.compare_digest(mac.encode(), _mac(secret, payload).encode()):
        raise InvalidToken("bad signature")
    try:
        claims = json.loads(_unb64(payload))
        request_id, reporter, expires = str(claims["r"]), str(claims.get("p", "")), int(claims["e"])
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise InvalidToken("unreadable token") from error
    if now.timestamp() >= expires:
        raise InvalidToken("expired")
    return request_id, reporter
