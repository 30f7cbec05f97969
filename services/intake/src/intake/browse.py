"""Finding a service in the catalogue: by group, or by the words a citizen types (pure)."""

from __future__ import annotations

import unicodedata

from intake.catalogue import Catalogue, Service, in_language

GROUPS = ("roads", "water", "drainage", "waste", "health", "social", "public-order", "civil-registry", "land")
"""The order groups are shown in: what people report most first."""


def folded(text: str) -> str:
    """Lower case without accents, so `jalan` finds `Jalan` and `cafe` finds `café`."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def by_group(catalogue: Catalogue, language: str) -> list[tuple[str, list[Service]]]:
    """Every group with its services, named in `language` and sorted by name."""
    groups = [*GROUPS, *sorted({s.group for s in catalogue.values()} - set(GROUPS))]
    return [
        (group, sorted(members, key=lambda s: in_language(s.name, language) or s.code))
        for group in groups
        if (members := [s for s in catalogue.values() if s.group == group])
    ]


def searchable(service: Service) -> str:
    words = [*service.name.values(), *service.description.values(), *service.keywords, service.group]
    return folded(" ".join(words))


def search(catalogue: Catalogue, query: str, language: str) -> list[Service]:
    """Services whose names, descriptions or keywords (in either language) hold every word typed."""
    terms = folded(query).split()
    if not terms:
        return []
    found = [s for s in catalogue.values() if all(t in searchable(s) for t in terms)]
    return sorted(found, key=lambda s: in_language(s.name, language) or s.code)
