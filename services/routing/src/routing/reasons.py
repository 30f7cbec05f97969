"""Why a request went where it did, as values, worded in Indonesian and English by pure functions.

A decision keeps its reasons as `Reason`s; `worded(reasons, language)` gives the sentences a
person reads. Facts are plain values (names, labels, counts), never anything about the citizen.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from dekat.vocabulary import LANGUAGES, Language

Kind = Literal[
    "located", "chosen", "street", "area_names", "no_location", "unplaced", "outside", "unknown_area",
    "handled_by", "closest", "balanced", "first_named", "full", "overloaded", "no_on_call", "refused",
    "on_call", "supported", "transferred", "kept_rule",
    "fallback_no_rule", "fallback_all_refused", "fallback_no_on_call", "fallback_unserved",
]  # fmt: skip
Fact = str | int | tuple[str, ...]


@dataclass(frozen=True)
class Reason:
    kind: Kind
    facts: tuple[tuple[str, Fact], ...] = ()

    def fact(self, name: str) -> Fact:
        return dict(self.facts)[name]


def reason(kind: Kind, **facts: Fact) -> Reason:
    return Reason(kind, tuple(sorted(facts.items())))


TEMPLATES: dict[Kind, dict[Language, str]] = {
    "located": {"en": "{place}", "id": "{place}"},
    "chosen": {"en": "the citizen chose {within}", "id": "warga memilih {within}"},
    "street": {"en": "the address names {street}: {within}", "id": "alamatnya menyebut {street}: {within}"},
    "area_names": {
        "en": "the address names {names}, so it lies in {within}",
        "id": "alamatnya menyebut {names}, jadi terletak di {within}",
    },
    "no_location": {
        "en": "no location was given, so the request is not tied to an area",
        "id": "tidak ada lokasi yang diberikan, jadi permintaan ini tidak terikat pada satu wilayah",
    },
    "unplaced": {
        "en": "the address could not be placed in any area this network serves, so only rules"
        " that apply anywhere count",
        "id": "alamatnya tidak dapat ditempatkan di wilayah mana pun yang dilayani jaringan ini,"
        " jadi hanya aturan yang berlaku di mana saja yang dipakai",
    },
    "outside": {
        "en": "the location ({point}) lies outside every area this network serves",
        "id": "lokasinya ({point}) berada di luar semua wilayah yang dilayani jaringan ini",
    },
    "unknown_area": {
        "en": "the area chosen ({code}) is not one this network knows",
        "id": "wilayah yang dipilih ({code}) tidak dikenal jaringan ini",
    },
    "handled_by": {
        "en": "{service} {where} is handled by {either} (rule {rule}, version {version}){because}",
        "id": "{service} {where} ditangani oleh {either} (aturan {rule}, versi {version}){because}",
    },
    "closest": {
        "en": "{agency} is the closest office ({level}) and leads ahead of {others}",
        "id": "{agency} adalah kantor terdekat ({level}) dan memimpin di depan {others}",
    },
    "balanced": {
        "en": "chosen over {other}, which is as close: {mine} open vs {theirs}, {gap} points less"
        " full (load decides from {threshold} points)",
        "id": "dipilih daripada {other} yang sama dekat: {mine} terbuka dibanding {theirs}, {gap} poin"
        " lebih longgar (beban menentukan mulai {threshold} poin)",
    },
    "first_named": {
        "en": "{agency} leads ahead of {other}, which is as close: their load differs by less than"
        " {threshold} points ({mine} open vs {theirs})",
        "id": "{agency} memimpin di depan {other} yang sama dekat: beban keduanya berselisih kurang dari"
        " {threshold} poin ({mine} terbuka dibanding {theirs})",
    },
    "full": {
        "en": "{agency} is at capacity ({occupancy} open), so it was passed over",
        "id": "{agency} sudah penuh ({occupancy} terbuka), jadi dilewati",
    },
    "overloaded": {
        "en": "warning: every agency that could take it is at capacity; the closest, {agency}"
        " ({occupancy} open), takes it anyway and operators are alerted",
        "id": "peringatan: semua instansi yang dapat menanganinya sudah penuh; yang terdekat, {agency}"
        " ({occupancy} terbuka), tetap menerimanya dan operator diberi tahu",
    },
    "no_on_call": {
        "en": "{agency} has no on-call cover for urgent requests, so it is not eligible",
        "id": "{agency} tidak punya layanan siaga untuk permintaan mendesak, jadi tidak memenuhi syarat",
    },
    "refused": {
        "en": "{agency} already said it is not theirs",
        "id": "{agency} sudah menyatakan ini bukan kewenangannya",
    },
    "on_call": {
        "en": "the request is urgent: its deadlines count {agency}'s on-call time",
        "id": "permintaan ini mendesak: tenggatnya dihitung dalam waktu siaga {agency}",
    },
    "supported": {"en": "supported by {names}", "id": "didukung oleh {names}"},
    "transferred": {"en": "{by} transferred it to {to}{note}", "id": "{by} mengalihkannya ke {to}{note}"},
    "kept_rule": {
        "en": "its deadlines are those of rule {rule}",
        "id": "tenggatnya mengikuti aturan {rule}",
    },
    "fallback_no_rule": {
        "en": "no rule sends {service} requests {where} to an agency that can take it,"
        " so the coordinator {coordinator} takes it",
        "id": "tidak ada aturan yang mengirim permintaan {service} {where} ke instansi yang dapat"
        " menanganinya, jadi koordinator {coordinator} menanganinya",
    },
    "fallback_all_refused": {
        "en": "every agency the rules send {service} requests {where} to has already said it is not"
        " theirs, so the coordinator {coordinator} takes it",
        "id": "semua instansi yang ditunjuk aturan untuk permintaan {service} {where} sudah menyatakan ini"
        " bukan kewenangannya, jadi koordinator {coordinator} menanganinya",
    },
    "fallback_no_on_call": {
        "en": "the request is urgent and no agency the rules send {service} requests {where} to has"
        " on-call cover, so the coordinator {coordinator} takes it",
        "id": "permintaan ini mendesak dan tidak ada instansi yang ditunjuk aturan untuk permintaan"
        " {service} {where} yang punya layanan siaga, jadi koordinator {coordinator} menanganinya",
    },
    "fallback_unserved": {
        "en": "so the coordinator {coordinator} takes it and places it by hand",
        "id": "jadi koordinator {coordinator} menanganinya dan menempatkannya secara manual",
    },
}

JOINS: dict[Language, tuple[str, str]] = {"en": ("or", "and"), "id": ("atau", "dan")}
WHERE: dict[str, dict[Language, str]] = {
    "there": {"en": "there", "id": "di sana"},
    "anywhere": {"en": "anywhere", "id": "di mana saja"},
}
LEVELS: dict[str, dict[Language, str]] = {
    "kelurahan": {"en": "kelurahan", "id": "kelurahan"},
    "kecamatan": {"en": "kecamatan", "id": "kecamatan"},
    "city": {"en": "city", "id": "kota"},
    "province": {"en": "province", "id": "provinsi"},
    "network": {"en": "the whole network", "id": "seluruh jaringan"},
}


def worded(reasons: tuple[Reason, ...], language: Language) -> tuple[str, ...]:
    return tuple(sentence(r, language) for r in reasons)


def explained(reasons: tuple[Reason, ...]) -> dict[Language, tuple[str, ...]]:
    """The reasons in every language Dekat speaks."""
    return {language: worded(reasons, language) for language in LANGUAGES}


def sentence(r: Reason, language: Language) -> str:
    values = {name: value_of(name, value, language) for name, value in r.facts}
    return TEMPLATES[r.kind][language].format_map(values)


def value_of(name: str, value: Fact, language: Language) -> str:
    if name == "place":
        return placed_in(value, language)
    if name == "within":
        return within(value, language)
    if name == "because":
        return because(value, language)
    if name == "where":
        return WHERE[str(value)][language]
    if name == "level":
        return LEVELS[str(value)][language]
    if name == "note":
        return f": {value}" if value else ""
    if name == "service" and isinstance(value, tuple):  # the service's name in each of LANGUAGES
        return value[LANGUAGES.index(language)]
    if isinstance(value, tuple):
        return listed(value, JOINS[language][0 if name == "either" else 1])
    return str(value)


def listed(items: tuple[str, ...], conjunction: str) -> str:
    """ "A", "A or B", "A, B or C"."""
    *rest, last = items or ("",)
    return f"{', '.join(rest)} {conjunction} {last}" if rest else last


def placed_in(chain: Fact, language: Language) -> str:
    """ "kelurahan Menteng lies in kecamatan Menteng, Jakarta Pusat" (deepest first)."""
    first, *rest = chain if isinstance(chain, tuple) else (str(chain),)
    if not rest:
        return {"en": f"the location lies in {first}", "id": f"lokasinya di {first}"}[language]
    return {"en": f"{first} lies in ", "id": f"{first} terletak di "}[language] + ", ".join(rest)


def within(chain: Fact, language: Language) -> str:
    """ "kelurahan Cikini, in kecamatan Menteng, Jakarta Pusat" (deepest first)."""
    first, *rest = chain if isinstance(chain, tuple) else (str(chain),)
    return first + ({"en": ", in ", "id": ", di "}[language] + ", ".join(rest) if rest else "")


def because(conditions: Fact, language: Language) -> str:
    """`("priority=urgent", "depth=waist")` → " because the request is urgent and its depth is waist"."""
    said = tuple(condition(c, language) for c in (conditions if isinstance(conditions, tuple) else ()))
    if not said:
        return ""
    return {"en": " because ", "id": " karena "}[language] + f" {JOINS[language][1]} ".join(said)


def condition(text: str, language: Language) -> str:
    name, _, value = text.partition("=")
    if name == "priority":
        said = {"urgent": "mendesak", "normal": "biasa"}.get(value, value) if language == "id" else value
        return {"en": f"the request is {said}", "id": f"permintaannya {said}"}[language]
    return {"en": f"its {name} is {value}", "id": f"{name}-nya {value}"}[language]
