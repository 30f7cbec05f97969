"""`DEKAT_ENV=production` refuses to start on anything made for the demo (pure checks).

The defaults of every secret setting are the local demo's (`SecretStr` fields): in production each
must be set, and to something else. The key files shipped in `deploy/` hold the digests of the
demo keys (`demo-<agency>-key`, `demo-counter-<id>-key`, ...): a file still holding one is refused.
The error names every offender at once, so one restart fixes them all.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable

from pydantic import SecretStr
from pydantic_settings import BaseSettings


def env_name(field: str) -> str:
    return f"DEKAT_{field.upper()}"


def demo_secrets(settings: BaseSettings) -> list[str]:
    """Every `SecretStr` setting that is empty or still its (demo) default."""
    found = []
    for name, field in type(settings).model_fields.items():
        value = getattr(settings, name)
        if not isinstance(value, SecretStr):
            continue
        default = field.default.get_secret_value() if isinstance(field.default, SecretStr) else None
        if not value.get_secret_value():
            found.append(f"{env_name(name)} is empty")
        elif value.get_secret_value() == default:
            found.append(f"{env_name(name)} is the demo value")
    return found


def demo_digests(file: str, entries: Iterable[tuple[str, str]], demo_key: Callable[[str], str]) -> list[str]:
    """`entries`: (owner, SHA-256 hex digest of its key); the owners whose key is the demo's."""
    demo = sorted({owner for owner, digest in entries if digest == sha256(demo_key(owner))})
    return [f"{file} holds the demo keys of {', '.join(demo)}"] if demo else []


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def refusal(found: list[str]) -> str:
    return "DEKAT_ENV=production refuses what was made for the demo:" + "".join(f"\n  - {f}" for f in found)
