"""Routing rules: for a service in an area (and, optionally, under conditions), who leads."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from routing.areas import DEPTH, Area


@dataclass(frozen=True)
class DeadlinePolicy:
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
    """Equally valid leads; empty: every agency that handles the service in the area."""
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


def parse_policy(document: dict[str, Any] | None) -> DeadlinePolicy | None:
    if document is None:
        return None
    policy = DeadlinePolicy(**{k: float(v) for k, v in document.items()})
    if min(policy.acknowledge_hours, policy.resolve_hours, policy.escalate_every_hours) <= 0:
        raise ValueError("deadlines must be positive numbers of working hours")
    return policy


def parse_rule(r: dict[str, Any]) -> Rule:
    if not isinstance(r.get("id"), str) or not r.get("services"):
        raise ValueError("every rule needs an id and a list of services")
    when = r.get("when", {})
    return Rule(
        id=r["id"],
        services=frozenset(r["services"]),
        area=r.get("area"),
        priority=when.get("priority"),
        attributes=tuple(sorted((str(k), str(v)) for k, v in when.get("attributes", {}).items())),
        lead=tuple(r.get("lead", [])),
        supporting=tuple(r.get("supporting", [])),
        deadlines=parse_policy(r.get("deadlines")),
    )


def parse(document: dict[str, Any], version: int = 0) -> RuleSet:
    rules = tuple(parse_rule(r) for r in document.get("rules", []))
    if duplicated := sorted({r.id for r in rules if [x.id for x in rules].count(r.id) > 1}):
        raise ValueError(f"rule ids must be unique: {', '.join(duplicated)}")
    return RuleSet(
        version=version,
        rules=rules,
        default_deadlines=parse_policy(document.get("default_deadlines")) or DeadlinePolicy(),
        service_deadlines={
            code: policy
            for code, p in document.get("service_deadlines", {}).items()
            if (policy := parse_policy(p)) is not None
        },
    )


def checked(rule_set: RuleSet, agencies: set[str], areas: set[str]) -> RuleSet:
    """The rules, if every agency and area they name exists."""
    named = {code for r in rule_set.rules for code in (*r.lead, *r.supporting)}
    if unknown := sorted(named - agencies):
        raise ValueError(f"the rules name agencies that do not exist: {', '.join(unknown)}")
    places = {r.area for r in rule_set.rules if r.area is not None}
    if unknown := sorted(places - areas):
        raise ValueError(f"the rules name areas that do not exist: {', '.join(unknown)}")
    return rule_set


def load(path: str | Path) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(Path(path).read_text())
    parse(document)
    return document
