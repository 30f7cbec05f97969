"""notify's metrics, named as agreed across the team; no ids or contact details in labels."""

from __future__ import annotations

from dataclasses import dataclass

from dekat.metrics import LATENCY_BUCKETS
from prometheus_client import CollectorRegistry, Counter, Histogram


@dataclass(frozen=True)
class Measures:
    notifications: Counter
    delivery_latency: Histogram
    retries: Counter
    provider_failures: Counter
    first_notification_latency: Histogram

    def moved(self, channel: str, state: str) -> None:
        self.notifications.labels(channel, state).inc()


def create(registry: CollectorRegistry) -> Measures:
    return Measures(
        notifications=Counter(
            "dekat_notify_notifications",
            "Notifications moving into each state",
            ["channel", "state"],
            registry=registry,
        ),
        delivery_latency=Histogram(
            "dekat_notify_delivery_latency_seconds",
            "From a notification's creation to its being sent or delivered",
            ["channel"],
            buckets=LATENCY_BUCKETS,
            registry=registry,
        ),
        retries=Counter(
            "dekat_notify_retries", "Temporary failures scheduled for retry", ["channel"], registry=registry
        ),
        provider_failures=Counter(
            "dekat_notify_provider_failures",
            "Sending attempts a provider refused or failed",
            ["provider", "kind"],
            registry=registry,
        ),
        first_notification_latency=Histogram(
            "dekat_request_first_notification_latency_seconds",
            "From a request's submission to the first message sent to its citizen",
            buckets=LATENCY_BUCKETS,
            registry=registry,
        ),
    )
