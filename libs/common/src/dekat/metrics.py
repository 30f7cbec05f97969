"""Metrics every service exposes on `/metrics`, on one registry per process."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import metadata

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, Info

LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300)
"""Shared by every duration histogram in every service, so they can be compared and summed."""


@dataclass(frozen=True)
class Metrics:
    registry: CollectorRegistry
    outbox_published: Counter
    outbox_pending: Gauge
    outbox_oldest_age: Gauge
    inbox_duplicates: Counter
    dlq_messages: Counter
    handler_retries: Counter
    http_requests: Counter
    http_duration: Histogram
    ready: Gauge
    consumer_lag: Gauge


def version_of(service: str) -> str:
    """The installed version of the service's distribution (`dekat-<service>`)."""
    try:
        return metadata.version(f"dekat-{service}")
    except metadata.PackageNotFoundError:
        return "unknown"


def create(service: str, version: str | None = None) -> Metrics:
    registry = CollectorRegistry()
    Info("dekat_build", "What is running", registry=registry).info(
        {"service": service, "version": version or version_of(service)}
    )
    return Metrics(
        registry=registry,
        outbox_published=Counter(
            "dekat_outbox_published", "Outbox rows confirmed by Kafka", registry=registry
        ),
        outbox_pending=Gauge("dekat_outbox_pending", "Outbox rows not yet published", registry=registry),
        outbox_oldest_age=Gauge(
            "dekat_outbox_oldest_age_seconds",
            "Age of the oldest unpublished row",
            registry=registry,
        ),
        inbox_duplicates=Counter(
            "dekat_inbox_duplicates", "Redelivered events skipped", ["consumer"], registry=registry
        ),
        dlq_messages=Counter(
            "dekat_dlq_messages", "Poison messages parked on a DLQ", ["topic"], registry=registry
        ),
        handler_retries=Counter(
            "dekat_handler_retries",
            "Transient handler failures retried",
            ["consumer"],
            registry=registry,
        ),
        http_requests=Counter(
            "dekat_http_requests",
            "HTTP requests answered",
            ["method", "route", "status"],
            registry=registry,
        ),
        http_duration=Histogram(
            "dekat_http_request_duration_seconds",
            "HTTP request duration",
            ["method", "route"],
            buckets=LATENCY_BUCKETS,
            registry=registry,
        ),
        ready=Gauge("dekat_ready", "1 when the database and Kafka answer", registry=registry),
        consumer_lag=Gauge(
            "dekat_consumer_lag",
            "Messages on a partition not yet committed by the consumer group (end offset - committed)",
            ["group", "topic", "partition"],
            registry=registry,
        ),
    )
