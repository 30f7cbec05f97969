"""intake's own metrics, on the registry `/metrics` serves. Labels never carry ids or people."""

from __future__ import annotations

from dataclasses import dataclass

from prometheus_client import CollectorRegistry, Counter

from intake.submissions import Problem

REASONS = (
    "validation",
    "unknown_service",
    "missing_attribute",
    "privacy",
    "outside_area",
    "unknown_area",
    "oversize",
    "forbidden",
    "conflict",
    "closed",
)


@dataclass(frozen=True)
class IntakeMetrics:
    accepted: Counter
    rejected: Counter
    rate_limited: Counter
    code_misses: Counter
    erased: Counter

    def reject(self, channel: str, problems: list[Problem]) -> None:
        """One rejection per refused submission, under its first problem's reason."""
        self.rejected.labels(channel, problems[0].reason if problems else "validation").inc()


def create(registry: CollectorRegistry) -> IntakeMetrics:
    return IntakeMetrics(
        accepted=Counter(
            "dekat_intake_requests_accepted",
            "Requests accepted, by channel and service",
            ["channel", "service"],
            registry=registry,
        ),
        rejected=Counter(
            "dekat_intake_requests_rejected",
            "Submissions refused, by channel and reason",
            ["channel", "reason"],
            registry=registry,
        ),
        rate_limited=Counter(
            "dekat_intake_rate_limited",
            "Requests answered 429, by rule (submit, lookup) and whose bucket (client, key)",
            ["rule", "by"],
            registry=registry,
        ),
        code_misses=Counter(
            "dekat_intake_code_misses",
            "Lookups of a tracking code or token that does not exist (guessing shows here)",
            registry=registry,
        ),
        erased=Counter(
            "dekat_intake_requests_erased",
            "Done requests whose citizens' personal data was erased (DEKAT_ERASE_AFTER_DAYS)",
            registry=registry,
        ),
    )
