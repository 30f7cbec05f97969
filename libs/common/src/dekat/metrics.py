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
    retention_deleted: Counter
    retention_last_run: Gauge


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
        retention_deleted=Counter(
            "dekat_retention_deleted_rows",
            "Rows the retention jobs deleted, by table",
            ["table"],
            registry=registry,
        ),
        retention_last_run=Gauge(
            "dekat_retention_last_run_timestamp_seconds",
            "When the retention job last went through every table (Unix time)",
            registry=registry,
        ),
    )


AGREED: dict[str, str] = {
    # common (registered by `create`)
    "dekat_http_requests_total": "counter",
    "dekat_http_request_duration_seconds": "histogram",
    "dekat_outbox_pending": "gauge",
    "dekat_outbox_oldest_age_seconds": "gauge",
    "dekat_outbox_published_total": "counter",
    "dekat_inbox_duplicates_total": "counter",
    "dekat_dlq_messages_total": "counter",
    "dekat_handler_retries_total": "counter",
    "dekat_ready": "gauge",
    "dekat_build_info": "info",
    "dekat_consumer_lag": "gauge",
    "dekat_retention_deleted_rows_total": "counter",
    "dekat_retention_last_run_timestamp_seconds": "gauge",
    # intake
    "dekat_intake_requests_accepted_total": "counter",
    "dekat_intake_requests_rejected_total": "counter",
    "dekat_intake_public_ikm": "gauge",
    "dekat_intake_public_on_time_ratio": "gauge",
    "dekat_intake_public_trust_index": "gauge",
    "dekat_intake_public_survey_respondents": "gauge",
    "dekat_intake_requests_erased_total": "counter",
    # routing
    "dekat_routing_decisions_total": "counter",
    "dekat_routing_decision_duration_seconds": "histogram",
    "dekat_routing_open_requests": "gauge",
    "dekat_routing_capacity": "gauge",
    "dekat_routing_deadline_breaches_total": "counter",
    "dekat_routing_escalations_total": "counter",
    "dekat_routing_bounces_total": "counter",
    "dekat_routing_stuck_requests_total": "counter",
    "dekat_routing_over_capacity_total": "counter",
    "dekat_request_assignment_latency_seconds": "histogram",
    # notify
    "dekat_notify_notifications_total": "counter",
    "dekat_notify_delivery_latency_seconds": "histogram",
    "dekat_notify_retries_total": "counter",
    "dekat_notify_provider_failures_total": "counter",
    "dekat_request_first_notification_latency_seconds": "histogram",
}
"""Every metric the services expose, as agreed across the team; dashboards and alerts use only these."""


def series_names(agreed: dict[str, str] = AGREED) -> set[str]:
    """The sample names Prometheus stores for `agreed` (a histogram is three series)."""
    suffixes = {"histogram": ("_bucket", "_sum", "_count")}
    return {name + s for name, kind in agreed.items() for s in suffixes.get(kind, ("",))}
