"""The words of the pages, one TOML file per language: `<package>/words/id.toml` and `en.toml`."""

from __future__ import annotations

import tomllib
from importlib import resources
from typing import Any

from dekat.vocabulary import LANGUAGES, Language

Words = dict[str, Any]


def merged(base: Words, extra: Words) -> Words:
    """`extra` over `base`, table by table."""
    out = dict(base)
    for key, value in extra.items():
        out[key] = merged(out[key], value) if isinstance(value, dict) and key in out else value
    return out


def read(package: str, language: Language) -> Words:
    found = resources.files(package) / "words" / f"{language}.toml"
    return tomllib.loads(found.read_text(encoding="utf-8")) if found.is_file() else {}


def load(*packages: str) -> dict[Language, Words]:
    """Each language's words, later packages adding to (or overriding) earlier ones."""
    result: dict[Language, Words] = {}
    for language in LANGUAGES:
        words: Words = {}
        for package in packages:
            words = merged(words, read(package, language))
        result[language] = words
    return result


def keys(words: Words, prefix: str = "") -> set[str]:
    """Every dotted key, for checking that both languages say the same things."""
    found: set[str] = set()
    for key, value in words.items():
        found |= keys(value, f"{prefix}{key}.") if isinstance(value, dict) else {prefix + key}
    return found
