"""Counters' and mobile units' API keys, kept only as SHA-256 digests; the check is pure.

Keys are long random strings (the demo ones excepted), so a fast digest is enough.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from pathlib import Path
from typing import Any, Literal

Channel = Literal["counter", "mobile"]
Owner = tuple[Channel, str]
KeyBook = dict[Owner, tuple[str, ...]]
"""(channel, counter or unit id) → the digests of its keys (more than one while rotating)."""
Refusal = Literal[401, 403]


def digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def normalised(stored: str) -> str:
    if len(stored) != 64 or any(c not in "0123456789abcdef" for c in stored.lower()):
        raise ValueError("channel_keys.json must hold SHA-256 hex digests, never keys")
    return stored.lower()


def parse(document: dict[str, Any]) -> KeyBook:
    book: dict[Owner, list[str]] = {}
    for entry in document["keys"]:
        if entry["channel"] not in ("counter", "mobile"):
            raise ValueError(f"unknown channel {entry['channel']!r} in channel_keys.json")
        book.setdefault((entry["channel"], entry["id"]), []).append(normalised(entry["sha256"]))
    return {owner: tuple(digests) for owner, digests in book.items()}


def load(path: str | Path) -> KeyBook:
    return parse(json.loads(Path(path).read_text()))


def belongs(book: KeyBook, owner: Owner, key: str) -> bool:
    """Whether `key` is one of this owner's; every stored digest is compared in constant time."""
    given = digest(key)
    return sum(hmac.compare_digest(given, d) for d in book.get(owner, ())) > 0


def refusal(book: KeyBook, owner: Owner, key: str | None) -> Refusal | None:
    """401 without a key, 403 with a key that is not this owner's (another's included), else None."""
    if not key:
        return 401
    return None if belongs(book, owner, key) else 403


def known(book: KeyBook, key: str) -> bool:
    """Whether `key` is any counter's or mobile unit's (it then has its own rate limit)."""
    given = digest(key)
    return any(hmac.compare_digest(given, d) for digests in book.values() for d in digests)
