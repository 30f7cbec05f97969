"""How much each client may ask of intake's public endpoints: token buckets, and which one a request
spends from (pure; time is an argument, in seconds of a monotonic clock).

Two rules: `submit` (every POST: requests, feedback, counters, mobile units, Open311) and `lookup`
(the tracking page, the tracking-code and Open311 token lookups). A request spends from its
client's bucket (an IPv4 address, an IPv6 /64), or, when it carries a key intake knows (a
counter's or mobile unit's `X-API-Key`, an Open311 `api_key`), from that key's bucket instead:
staff behind one office address are not one client. A 404 for a code costs `miss_cost` more, so
guessing tracking codes runs dry long before it finds one.
"""

from __future__ import annotations

import ipaddress
import math
import re
from dataclasses import dataclass
from typing import Literal

Rule = Literal["submit", "lookup"]
By = Literal["client", "key"]

WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})
LOOKUPS = re.compile(r"^/(track|v1/requests/by-code|open311/v2/tokens)/[^/]+$")
NAMING_A_CODE = re.compile(r"^/(track|v1/requests/by-code|open311/v2/tokens)/")


@dataclass(frozen=True)
class Limit:
    per_minute: float
    """0: no limit."""
    burst: int

    @property
    def per_second(self) -> float:
        return self.per_minute / 60


@dataclass(frozen=True)
class Bucket:
    tokens: float
    at: float


def refilled(bucket: Bucket | None, limit: Limit, now: float) -> Bucket:
    if bucket is None:
        return Bucket(limit.burst, now)
    return Bucket(min(limit.burst, bucket.tokens + (now - bucket.at) * limit.per_second), now)


def take(bucket: Bucket | None, limit: Limit, now: float) -> tuple[Bucket, float]:
    """Spend a token if there is one: (the bucket after, 0); else (the bucket, seconds to wait)."""
    current = refilled(bucket, limit, now)
    if limit.per_minute <= 0:
        return current, 0.0
    if current.tokens < 1:
        return current, (1 - current.tokens) / limit.per_second
    return Bucket(current.tokens - 1, now), 0.0


def charge(bucket: Bucket | None, limit: Limit, now: float, cost: float) -> Bucket:
    """Spend `cost` more after the fact (a miss); the debt is capped at one burst."""
    current = refilled(bucket, limit, now)
    return Bucket(max(-limit.burst, current.tokens - cost), now)


def rule_for(method: str, path: str) -> Rule | None:
    if method in WRITES:
        return "submit"
    if method in {"GET", "HEAD"} and LOOKUPS.match(path):
        return "lookup"
    return None


def names_a_code(path: str) -> bool:
    """A 404 here means a tracking code or token that does not exist: a miss."""
    return NAMING_A_CODE.match(path) is not None


def client_of(host: str | None) -> str:
    """One client: an IPv4 address, or an IPv6 /64 (what one subscriber is given)."""
    try:
        address = ipaddress.ip_address(host or "")
    except ValueError:
        return host or "unknown"
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def exempt(host: str | None, networks: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]) -> bool:
    try:
        address = ipaddress.ip_address(host or "")
    except ValueError:
        return False
    return any(address in network for network in networks)


def networks(text: str) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    """`127.0.0.0/8, 10.1.2.3` → the networks never limited."""
    return tuple(ipaddress.ip_network(part.strip(), strict=False) for part in text.split(",") if part.strip())


def retry_after(wait: float) -> int:
    return max(1, math.ceil(wait))
