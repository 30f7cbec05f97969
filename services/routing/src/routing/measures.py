"""routing's own metrics (names agreed across the team), on the registry `/metrics` serves."""

from __future__ import annotations

from dataclasses import dataclass

from dekat.metrics import LATENCY_BUCKETS
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram


@dataclass(frozen=True)
class Measures:
    decisions: Counter
    decision_duration: Histogram
    open_requests: Gauge
    capacity: Gauge
    deadline_breaches: Counter
    escalations: Counter
    bounces: Counter
    assignment_latency: Histogram
    stuck: Counter
    over_capacity: Counter


def create(registry: CollectorRegistry) -> Measures:
    return Measures(
        decisions=Counter(
            "dekat_routing_decisions", "Routing decisions", ["agency", "outcome"], registry=registry
        ),
        decision_duration=Histogram(
            "dekat_routing_decision_duration_seconds",
            "Time to decide who handles a request",
            buckets=LATENCY_BUCKETS,
            registry=registry,
        ),
        open_requests=Gauge(
            "dekat_routing_open_requests", "Open requests per agency", ["agency"], registry=registry
        ),
        capacity=Gauge(
            "dekat_routing_capacity", "Open requests an agency can hold", ["agency"], registry=registry
        ),
        deadline_breaches=Counter(
            "dekat_routing_deadline_breaches", "Deadlines passed", ["agency", "deadline"], registry=registry
        ),
        escalations=Counter(
            "dekat_routing_escalations", "Escalation steps taken", ["agency", "step"], registry=registry
        ),
        bounces=Counter(
            "dekat_routing_bounces",
            "Requests an agency rejected as not theirs",
            ["agency"],
            registry=registry,
        ),
        assignment_latency=Histogram(
            "dekat_request_assignment_latency_seconds",
            "From submission to assignment",
            buckets=LATENCY_BUCKETS,
            registry=registry,
        ),
        stuck=Counter(
            "dekat_routing_stuck_requests",
            "Missed deadlines whose escalation ladder ended at the holder itself: an operator must step in",
            ["agency"],
            registry=registry,
        ),
        over_capacity=Counter(
            "dekat_routing_over_capacity",
            "Requests given to an agency already at capacity, because every eligible one was",
            ["agency"],
            registry=registry,
        ),
    )
