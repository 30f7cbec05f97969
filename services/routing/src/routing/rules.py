"""Routing rules: for a service in an area (and, optionally, under conditions), who leads.

A rule set is read through `RuleSetBody`, as strict as a citizen's request (unknown fields,
a string where a list belongs, an unknown priority, a deadline that is not positive are refused),
and checked against the network and the catalogue before it becomes a version.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dekat.vocabulary import Priority
from pydantic import BaseModel, ConfigDict, Field, field_validator

from routing.agencies import Network
from routing.areas import DEPTH, Area
from routing.catalogue import Catalogue

CODE = r"^[a-z0-9][a-z0-9-]{0,62}$"
MAX_HOURS = 24 * 366


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class DeadlinesBody(Body):
    acknowledge_hours: float = Field(4, gt=0, le=MAX_HOURS)
    resolve_hours: float = Field(72, gt=0, le=MAX_HOURS)
    escalate_every_hours: float = Field(2, gt=0, le=MAX_HOURS)


class WhenBody(Body):
    priority: Priority | None = None
    attributes: dict[str, str] = {}


class RuleBody(Body):
    id: str = Field(pattern=CODE)
    services: list[str] = Field(min_length=1)
    area: str | None = None
    when: WhenBody = WhenBody()
    lead: list[str] = []
    supporting: list[str] = []
    deadlines: DeadlinesBody | None = None


class RuleSetBody(Body):
    default_deadlines: DeadlinesBody | None = None
    service_deadlines: dict[str, DeadlinesBody] = {}
    rules: list[RuleBody]

    @field_validator("rules")
    @classmethod
    def ids_are_unique(cls, rules: list[RuleBody]) -> list[RuleBody]:
        ids = [r.id for r in rules]
        if duplicated := sorted({i for i in ids if ids.count(i) > 1}):
            raise ValueError(f"rule ids must be unique: {', '.join(duplicated)}")
        return rules


@dataclass(frozen=True)
class DeadlinePolicy:
    """Working hours to acknowledge and to resolve (the same defaults as `DeadlinesBody`)."""

    acknowledge_hours: float = 4
    resolve_hours: float = 72
    escalate_every_hours: float = 2
    """Working hours between the steps of the ladder once a deadline has passed."""


@dataclass(frozen=True)
class Rule:
    id: str
    services: frozenset[str]
    area: str | None = None
    """None: anywhere the lead agencies handle the service."""
    priority: str | None = None
    attributes: tuple[tuple[str, str], ...] = ()
    lead: tuple[str, ...] = ()
    """Equally valid leads, in order; empty: every agency that handles the service in the area."""
    supporting: tuple[str, ...] = ()
    deadlines: DeadlinePolicy | None = None

    def specificity(self, areas: dict[str, Area]) -> tuple[int, int]:
        """More conditions first, then the smaller area."""
        conditions = len(self.attributes) + (self.priority is not None)
        depth = DEPTH[areas[self.area].level] if self.area in areas else 0
        return conditions, depth


@dataclass(frozen=True)
class RuleSet:
    version: int
    rules: tuple[Rule, ...]
    default_deadlines: DeadlinePolicy = DeadlinePolicy()
    service_deadlines: dict[str, DeadlinePolicy] = field(default_factory=dict)

    def deadlines_for(self, rule: Rule | None, service_code: str) -> DeadlinePolicy:
        if rule is not None and rule.deadlines is not None:
            return rule.deadlines
        return self.service_deadlines.get(service_code, self.default_deadlines)


def policy_of(body: DeadlinesBody | None) -> DeadlinePolicy | None:
    return None if body is None else DeadlinePolicy(**body.model_dump())


def rule_of(r: RuleBody) -> Rule:
    return Rule(
        id=r.id,
        services=frozenset(r.services),
        area=r.area,
        priority=r.when.priority,
        attributes=tuple(sorted(r.when.attributes.items())),
        lead=tuple(r.lead),
        supporting=tuple(r.supporting),
        deadlines=policy_of(r.deadlines),
    )


def parse(document: dict[str, Any], version: int = 0) -> RuleSet:
    """The rule set in `document`; a pydantic `ValidationError` (a `ValueError`) names what is wrong."""
    body = RuleSetBody.model_validate(document)
    return RuleSet(
        version=version,
        rules=tuple(rule_of(r) for r in body.rules),
        default_deadlines=policy_of(body.default_deadlines) or DeadlinePolicy(),
        service_deadlines={
            code: DeadlinePolicy(**p.model_dump()) for code, p in body.service_deadlines.items()
        },
    )


def load(path: str | Path) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(Path(path).read_text())
    parse(document)
    return document


def problems(rule_set: RuleSet, network: Network, catalogue: Catalogue) -> list[tuple[str, str]]:
    """(field, what is wrong) for every rule naming a service, agency or area that does not exist,
    or a lead that could never take the rule's requests."""
    found = [
        (f"service_deadlines.{code}", f"{code} is not in the service catalogue")
        for code in sorted(rule_set.service_deadlines.keys() - catalogue.services)
    ]
    for i, rule in enumerate(rule_set.rules):
        found += [(f"rules.{i}.{name}", message) for name, message in rule_problems(rule, network, catalogue)]
    return found


def rule_problems(rule: Rule, network: Network, catalogue: Catalogue) -> list[tuple[str, str]]:
    found = [
        ("services", f"{code} is not in the service catalogue")
        for code in sorted(rule.services - catalogue.services)
    ]
    if rule.area is not None and rule.area not in network.areas:
        found.append(("area", f"no area {rule.area!r} in the network"))
    for name, codes in (("lead", rule.lead), ("supporting", rule.supporting)):
        found += [
            (name, f"no agency {code!r} in the network") for code in codes if code not in network.agencies
        ]
    leads = [network.agencies[c] for c in rule.lead if c in network.agencies]
    found += [
        ("lead", f"{a.code} handles none of {', '.join(sorted(rule.services))}")
        for a in leads
        if not any(a.handles_service(s) for s in rule.services)
    ]
    urgent = rule.priority == "urgent" or rule.services <= catalogue.urgent
    found += [
        ("lead", f"{a.code} has no on-call cover, so it can never lead urgent requests")
        for a in leads
        if urgent and a.on_call is None
    ]
    return found


def checked(rule_set: RuleSet, network: Network, catalogue: Catalogue) -> RuleSet:
    """The rules, if they agree with the network and the catalogue."""
    if found := problems(rule_set, network, catalogue):
        raise ValueError("; ".join(f"{where}: {what}" for where, what in found))
    return rule_set
