"""Who handles a request, who supports, by when, and why: a pure function of what is known."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Literal

from dekat.payloads import RequestFacts
from dekat.vocabulary import LANGUAGES, Language

from routing import calendars, leads, places, reasons
from routing.agencies import Agency, Network
from routing.leads import Candidate
from routing.places import Place
from routing.reasons import Reason, reason
from routing.rules import DeadlinePolicy, Rule, RuleSet

HowDecided = Literal["matched", "fallback"]
"""A rule matched, or nothing fitted and the coordinator takes it (the reasons say why)."""


@dataclass(frozen=True)
class Request:
    """What a decision looks at: never who the citizen is."""

    request_id: str
    service_code: str
    lat: float | None = None
    long: float | None = None
    priority: str = "normal"
    attributes: dict[str, str] = field(default_factory=dict)
    address: str | None = None
    area_code: str | None = None
    """The area the citizen chose, when they chose one."""
    service_name: dict[Language, str] = field(default_factory=dict)
    """The service's name by language, as the catalogue says it (the reasons use it)."""

    @property
    def urgent(self) -> bool:
        """Counted in on-call time, and only agencies with on-call cover may lead it."""
        return self.priority == "urgent"

    @classmethod
    def of(cls, s: RequestFacts) -> Request:
        return cls(
            s.request_id, s.service_code, s.lat, s.long, s.priority, dict(s.attributes),
            address=s.address, area_code=s.area_code, service_name=dict(s.service_name),
        )  # fmt: skip


@dataclass(frozen=True)
class Decision:
    agency: Agency
    supporting: tuple[Agency, ...]
    reasons: tuple[str, ...]
    """In English, for operators and logs; `explanation` has every language."""
    rule_id: str | None
    rule_version: int
    outcome: HowDecided
    policy: DeadlinePolicy
    acknowledge_by: datetime
    resolve_by: datetime
    explanation: dict[Language, tuple[str, ...]] = field(default_factory=dict)
    why: tuple[Reason, ...] = ()
    """The reasons as values, which `reasons` and `explanation` word."""
    over_capacity: bool = False
    """Every agency that could lead it was full, and this one took it anyway: operators are told."""


def decide(
    request: Request,
    rules: RuleSet,
    network: Network,
    load: dict[str, int],
    now: datetime,
    excluded: frozenset[str] = frozenset(),
) -> Decision:
    """The closest agency with room among those the best matching rule allows (see `leads`).

    `excluded` are agencies that already turned the request down. Never nobody: when nothing
    matches, or the place is outside the network, the coordinator takes it, and the reasons say why.
    """
    place = places.placed(network, request.lat, request.long, request.area_code, request.address)
    where = (places.reason_of(place), *refused(excluded, network))
    if place.chain == ():
        return fallback(
            request, rules, network, (*where, coordinator_takes("fallback_unserved", network)), now
        )
    options = [
        considered(r, request, network, place, load, excluded)
        for r in matching(request, rules, place, network)
    ]
    if chosen := next((o for o in options if o.pick.lead is not None), None):
        assert chosen.pick.lead is not None
        why = (*where, handled_by(chosen, request, rules, place), *chosen.left_out, *chosen.pick.why)
        return decision(request, rules, network, chosen.rule, chosen.pick.lead.agency, why, now)
    if full := next((o for o in options if o.pick.closest_full is not None), None):
        return over_capacity(
            request, rules, network, full, (*where, handled_by(full, request, rules, place)), now
        )
    left_out = tuple(dict.fromkeys(r for o in options for r in o.left_out))
    return fallback(
        request,
        rules,
        network,
        (*where, *left_out, given_up(request, place, network, options, excluded)),
        now,
    )


@dataclass(frozen=True)
class Option:
    """A matching rule, and what became of the agencies it allows."""

    rule: Rule
    reached: tuple[Agency, ...]
    """Every agency the rule allows that handles the service there, before anything is left out."""
    left_out: tuple[Reason, ...]
    pick: leads.Pick


def considered(
    rule: Rule,
    request: Request,
    network: Network,
    place: Place,
    load: dict[str, int],
    excluded: frozenset[str],
) -> Option:
    allowed = rule.lead or tuple(
        sorted(a.code for a in network.agencies.values() if a.handles_service(request.service_code))
    )
    reached = [
        (network.agencies[code], reach)
        for code in allowed
        if code in network.active  # a disabled agency is never chosen
        and (reach := network.agencies[code].reach(request.service_code, place.chain)) is not None
    ]
    usable = [(a, reach) for a, reach in reached if a.code not in excluded]
    no_cover = tuple(
        reason("no_on_call", agency=a.name) for a, _ in usable if request.urgent and a.on_call is None
    )
    eligible = [
        Candidate(a, reach, load.get(a.code, 0)) for a, reach in usable if not request.urgent or a.on_call
    ]
    return Option(rule, tuple(a for a, _ in reached), no_cover, leads.pick(eligible))


def matching(request: Request, rules: RuleSet, place: Place, network: Network) -> list[Rule]:
    """The rules for the request, the most specific first (more conditions, then the smaller area).

    A request whose place is unknown matches only rules that apply anywhere.
    """
    found = [
        r
        for r in rules.rules
        if request.service_code in r.services
        and (r.area is None or (place.codes is not None and r.area in place.codes))
        and (r.priority is None or r.priority == request.priority)
        and all(request.attributes.get(k) == v for k, v in r.attributes)
    ]
    return sorted(found, key=lambda r: r.specificity(network.areas), reverse=True)


def handled_by(option: Option, request: Request, rules: RuleSet, place: Place) -> Reason:
    rule = option.rule
    names = tuple(a.name for a in option.reached)
    conditions = ((f"priority={rule.priority}",) if rule.priority else ()) + tuple(
        f"{k}={v}" for k, v in rule.attributes
    )
    return reason(
        "handled_by", service=label_of(request), where=where_of(place), either=names, rule=rule.id,
        version=rules.version, because=conditions,
    )  # fmt: skip


def given_up(
    request: Request, place: Place, network: Network, options: list[Option], excluded: frozenset[str]
) -> Reason:
    """Why the coordinator takes it: everyone refused, nobody has on-call cover, or no rule fits."""
    reached = {a.code for o in options for a in o.reached}
    kind: reasons.Kind = "fallback_no_rule"
    if reached and reached <= excluded:
        kind = "fallback_all_refused"
    elif reached and request.urgent:
        kind = "fallback_no_on_call"
    return coordinator_takes(kind, network, service=label_of(request), where=where_of(place))


def coordinator_takes(kind: reasons.Kind, network: Network, **facts: reasons.Fact) -> Reason:
    return reason(kind, coordinator=network.agencies[network.coordinator].name, **facts)


def refused(excluded: frozenset[str], network: Network) -> tuple[Reason, ...]:
    return tuple(
        reason("refused", agency=network.agencies[code].name)
        for code in sorted(excluded)
        if code in network.agencies
    )


def label_of(request: Request) -> tuple[str, ...]:
    """The service as a person says it, in Indonesian then English (its code when unnamed)."""
    code = request.service_code.replace("-", " ")
    return tuple(request.service_name.get(language, code) for language in LANGUAGES)


def where_of(place: Place) -> str:
    return "there" if place.known else "anywhere"


def fallback(
    request: Request, rules: RuleSet, network: Network, why: tuple[Reason, ...], now: datetime
) -> Decision:
    return decision(request, rules, network, None, network.agencies[network.coordinator], why, now)


def over_capacity(
    request: Request, rules: RuleSet, network: Network, option: Option, why: tuple[Reason, ...], now: datetime
) -> Decision:
    """Every eligible agency is full: the closest takes it, with a warning operators are alerted to."""
    lead = option.pick.closest_full
    assert lead is not None
    warning = reason("overloaded", agency=lead.agency.name, occupancy=lead.occupancy)
    made = decision(
        request,
        rules,
        network,
        option.rule,
        lead.agency,
        (*why, *option.left_out, *option.pick.why, warning),
        now,
    )
    return replace(made, over_capacity=True)


def decision(
    request: Request,
    rules: RuleSet,
    network: Network,
    rule: Rule | None,
    lead: Agency,
    why: tuple[Reason, ...],
    now: datetime,
) -> Decision:
    policy = rules.deadlines_for(rule, request.service_code)
    named = rule.supporting if rule else ()
    supporting = tuple(network.agencies[c] for c in named if c != lead.code and c in network.active)
    if supporting:
        why = (*why, reason("supported", names=tuple(a.name for a in supporting)))
    if request.urgent and lead.on_call is not None:
        why = (*why, reason("on_call", agency=lead.name))
    acknowledge_by, resolve_by = deadlines(now, policy, lead, urgent=request.urgent)
    return Decision(
        agency=lead,
        supporting=supporting,
        reasons=reasons.worded(why, "en"),
        rule_id=rule.id if rule else None,
        rule_version=rules.version,
        outcome="matched" if rule else "fallback",
        policy=policy,
        acknowledge_by=acknowledge_by,
        resolve_by=resolve_by,
        explanation=reasons.explained(why),
        why=why,
    )


def deadlines(
    now: datetime, policy: DeadlinePolicy, lead: Agency, *, urgent: bool = False
) -> tuple[datetime, datetime]:
    """(acknowledge by, resolve by), counted in the lead's working time (on-call time if urgent)."""
    calendar = lead.calendar_for(urgent)
    return (
        calendars.add_working_hours(now, policy.acknowledge_hours, calendar),
        calendars.add_working_hours(now, policy.resolve_hours, calendar),
    )


def handed_over(
    request: Request,
    rules: RuleSet,
    network: Network,
    target: str,
    by: Agency,
    note: str | None,
    now: datetime,
    *,
    current_rule: str | None = None,
) -> Decision:
    """An agency passed the request to another by name: that one leads now, with the deadlines of
    the rule that sends the request to it (else the current rule's, else the service's)."""
    chosen = network.agencies[target]
    place = places.placed(network, request.lat, request.long, request.area_code, request.address)
    rule = covering_rule(request, rules, network, place, chosen) or next(
        (r for r in rules.rules if r.id == current_rule), None
    )
    why = [reason("transferred", by=by.name, to=chosen.name, note=note or "")]
    if rule is not None:
        why.append(reason("kept_rule", rule=rule.id))
    return decision(request, rules, network, rule, chosen, tuple(why), now)


def covering_rule(
    request: Request, rules: RuleSet, network: Network, place: Place, agency: Agency
) -> Rule | None:
    """The most specific matching rule that allows `agency` to lead the request."""
    if agency.reach(request.service_code, place.chain) is None:
        return None
    return next(
        (r for r in matching(request, rules, place, network) if not r.lead or agency.code in r.lead), None
    )


def resumed(
    resolve_by: datetime, paused_at: datetime | None, now: datetime, holder: Agency, *, urgent: bool = False
) -> datetime:
    """The resolve deadline, moved on by the working hours spent waiting for the citizen."""
    if paused_at is None:
        return resolve_by
    calendar = holder.calendar_for(urgent)
    waited = calendars.working_hours_between(paused_at, now, calendar)
    return calendars.add_working_hours(resolve_by, waited, calendar) if waited else resolve_by
