"""Who handles a request, who supports, by when, and why: a pure function of what is known."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from dekat.payloads import RequestFacts

from routing import areas, calendars
from routing.agencies import Agency, Network
from routing.areas import Area
from routing.rules import DeadlinePolicy, Rule, RuleSet

Outcome = Literal["matched", "fallback"]


@dataclass(frozen=True)
class Request:
    """What a decision looks at: never who the citizen is."""

    request_id: str
    service_code: str
    lat: float | None = None
    long: float | None = None
    priority: str = "normal"
    attributes: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, s: RequestFacts) -> Request:
        return cls(s.request_id, s.service_code, s.lat, s.long, s.priority, dict(s.attributes))


@dataclass(frozen=True)
class Decision:
    agency: Agency
    supporting: tuple[Agency, ...]
    reasons: tuple[str, ...]
    rule_id: str | None
    rule_version: int
    outcome: Outcome
    policy: DeadlinePolicy
    acknowledge_by: datetime
    resolve_by: datetime


@dataclass(frozen=True)
class Place:
    """Where the request is: the areas containing it, or None when it has no location."""

    chain: tuple[Area, ...] | None
    reason: str

    @property
    def codes(self) -> tuple[str, ...] | None:
        return None if self.chain is None else tuple(a.code for a in self.chain)


def decide(
    request: Request,
    rules: RuleSet,
    network: Network,
    load: dict[str, int],
    now: datetime,
    excluded: frozenset[str] = frozenset(),
) -> Decision:
    """The lead agency with the most spare capacity among those the best matching rule allows.

    `excluded` are agencies that already turned the request down. Never nobody: when nothing
    matches, the coordinator takes it.
    """
    place = placed(request, network)
    for rule in ranked(matching(request, rules, place), network):
        candidates = [network.agencies[c] for c in leads(rule, request, network, place) if c not in excluded]
        if candidates:
            chosen, why = least_loaded(candidates, load)
            reasons = (place.reason, handled_by(rule, request, rules, candidates, place), *why)
            return decision(
                request, rules, network, rule, chosen, (*reasons, *refused(excluded, network)), now
            )
    coordinator = network.agencies[network.coordinator]
    fallback = (
        f"no rule sends {label(request)} requests there to an agency that can take it,"
        f" so the coordinator {coordinator.name} takes it"
    )
    reasons = (place.reason, *refused(excluded, network), fallback)
    return decision(request, rules, network, None, coordinator, reasons, now)


def placed(request: Request, network: Network) -> Place:
    if request.lat is None or request.long is None:
        return Place(None, "no location was given, so the request is not tied to an area")
    chain = areas.locate(network.areas, request.lat, request.long)
    if not chain:
        return Place((), "the location lies outside every area this network serves")
    return Place(chain, areas.described(chain))


def matching(request: Request, rules: RuleSet, place: Place) -> list[Rule]:
    return [
        r
        for r in rules.rules
        if request.service_code in r.services
        and (r.area is None or place.codes is None or r.area in place.codes)
        and (r.priority is None or r.priority == request.priority)
        and all(request.attributes.get(k) == v for k, v in r.attributes)
    ]


def ranked(rules: list[Rule], network: Network) -> list[Rule]:
    """The most specific first; among equals, the order of the rule set."""
    return sorted(rules, key=lambda r: r.specificity(network.areas), reverse=True)


def leads(rule: Rule, request: Request, network: Network, place: Place) -> list[str]:
    if rule.lead:
        return [code for code in rule.lead if code in network.agencies]
    return [a.code for a in network.agencies.values() if a.covers(request.service_code, place.codes)]


def least_loaded(candidates: list[Agency], load: dict[str, int]) -> tuple[Agency, tuple[str, ...]]:
    """The most spare capacity wins; on a tie, the one named first."""
    spare = [(a.capacity - load.get(a.code, 0), -i, a) for i, a in enumerate(candidates)]
    *_, chosen = max(spare, key=lambda s: s[:2])
    return chosen, tuple(
        f"chosen over {a.name}: {occupancy(chosen, load)} open vs {occupancy(a, load)}"
        for a in candidates
        if a.code != chosen.code
    )


def occupancy(agency: Agency, load: dict[str, int]) -> str:
    return f"{load.get(agency.code, 0)}/{agency.capacity}"


def handled_by(rule: Rule, request: Request, rules: RuleSet, candidates: list[Agency], place: Place) -> str:
    where = "there" if place.chain else "anywhere"
    names = " or ".join(a.name for a in candidates)
    conditions = [f"the request is {rule.priority}"] if rule.priority else []
    conditions += [f"its {k} is {v}" for k, v in rule.attributes]
    because = f" because {' and '.join(conditions)}" if conditions else ""
    return (
        f"{label(request)} {where} is handled by {names} (rule {rule.id}, version {rules.version}){because}"
    )


def refused(excluded: frozenset[str], network: Network) -> tuple[str, ...]:
    return tuple(
        f"{network.agencies[code].name} already said it is not theirs"
        for code in sorted(excluded)
        if code in network.agencies
    )


def label(request: Request) -> str:
    return request.service_code.replace("-", " ")


def decision(
    request: Request,
    rules: RuleSet,
    network: Network,
    rule: Rule | None,
    lead: Agency,
    reasons: tuple[str, ...],
    now: datetime,
) -> Decision:
    policy = rules.deadlines_for(rule, request.service_code)
    named = rule.supporting if rule else ()
    supporting = tuple(network.agencies[c] for c in named if c != lead.code and c in network.agencies)
    if supporting:
        reasons = (*reasons, f"supported by {', '.join(a.name for a in supporting)}")
    acknowledge_by, resolve_by = deadlines(now, policy, lead)
    return Decision(
        agency=lead,
        supporting=supporting,
        reasons=reasons,
        rule_id=rule.id if rule else None,
        rule_version=rules.version,
        outcome="matched" if rule else "fallback",
        policy=policy,
        acknowledge_by=acknowledge_by,
        resolve_by=resolve_by,
    )


def deadlines(now: datetime, policy: DeadlinePolicy, lead: Agency) -> tuple[datetime, datetime]:
    """(acknowledge by, resolve by), counted in the lead agency's working time."""
    return (
        calendars.add_working_hours(now, policy.acknowledge_hours, lead.calendar),
        calendars.add_working_hours(now, policy.resolve_hours, lead.calendar),
    )


def handed_over(
    request: Request,
    rules: RuleSet,
    network: Network,
    target: str,
    by: Agency,
    note: str | None,
    now: datetime,
) -> Decision:
    """An agency passed the request to another by name: that one leads now."""
    chosen = network.agencies[target]
    why = f"{by.name} transferred it to {chosen.name}" + (f": {note}" if note else "")
    return decision(request, rules, network, None, chosen, (why,), now)


def resumed(resolve_by: datetime, paused_at: datetime | None, now: datetime, holder: Agency) -> datetime:
    """The resolve deadline, moved on by the working hours spent waiting for the citizen."""
    if paused_at is None:
        return resolve_by
    waited = calendars.working_hours_between(paused_at, now, holder.calendar)
    return calendars.add_working_hours(resolve_by, waited, holder.calendar) if waited else resolve_by
