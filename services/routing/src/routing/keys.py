"""API keys: agencies' keys are stored only as SHA-256 digests; the admin key is a setting.

Keys are long random strings, so a fast digest is enough: nobody can guess them from it.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets


def digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def normalised_hash(stored: str) -> str:
    if len(stored) != 64 or any(c not in "0123456789abcdef" for c in stored.lower()):
        raise ValueError("api_keys.json must hold SHA-256 hex digests, never keys")
    return stored.lower()


def new_key(agency_code: str) -> str:
    return f"dk_{agency_code}_{secrets.token_urlsafe(24)}"


def same(given: str, expected: str) -> bool:
    return hmac.compare_digest(given.encode(), expected.encode())
