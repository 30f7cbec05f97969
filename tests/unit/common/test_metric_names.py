"""Dashboards and alert rules read only metrics that exist: the agreed names, the common ones
`dekat.metrics.create` registers, and the recording rules' own series."""

from __future__ import annotations

import pytest
from dekat import metrics

from tests.unit.common import promql

KNOWN = metrics.series_names() | promql.recorded_names() | {"up"}


def registered() -> dict[str, str]:
    """What `dekat.metrics.create` registers, named as in `AGREED`."""
    suffix = {"counter": "_total", "info": "_info"}
    return {
        family.name + suffix.get(family.type, ""): family.type
        for family in metrics.create("intake").registry.collect()
    }


def test_the_tokenizer_finds_metric_names_and_nothing_else() -> None:
    expr = (
        "histogram_quantile(0.95, sum by (job, le) (rate(dekat_http_request_duration_seconds_bucket"
        '{route=~"/v1/.+", job!="up"}[5m] offset 1h))) / on (job) group_left max(dekat_ready) > bool 1e3'
        " and ignoring (le) up unless job:dekat_outbox_pending:max"
    )
    assert promql.metric_names(expr) == {
        "dekat_http_request_duration_seconds_bucket",
        "dekat_ready",
        "up",
        "job:dekat_outbox_pending:max",
    }


def test_a_grafana_variable_query_names_its_metric() -> None:
    assert promql.metric_names("label_values(dekat_routing_capacity, agency)") == {"dekat_routing_capacity"}


def test_a_misspelt_metric_is_caught() -> None:
    assert promql.metric_names("sum(rate(dekat_intake_request_accepted_total[5m]))") - KNOWN == {
        "dekat_intake_request_accepted_total"
    }


@pytest.mark.parametrize(("where", "expr"), sorted(promql.rule_expressions().items()))
def test_every_rule_reads_only_known_metrics(where: str, expr: str) -> None:
    names = promql.metric_names(expr)
    assert names, f"{where} reads no metric"
    assert names <= KNOWN, f"{where} reads unknown {names - KNOWN}"


@pytest.mark.parametrize(("where", "expr"), sorted(promql.dashboard_expressions().items()))
def test_every_dashboard_query_reads_only_known_metrics(where: str, expr: str) -> None:
    names = promql.metric_names(expr)
    assert names, f"{where} reads no metric"
    assert names <= KNOWN, f"{where} reads unknown {names - KNOWN}"


def test_every_common_metric_registered_is_agreed_and_every_agreed_common_one_is_registered() -> None:
    service_prefixes = ("dekat_intake_", "dekat_routing_", "dekat_notify_", "dekat_request_")
    common = {name: kind for name, kind in metrics.AGREED.items() if not name.startswith(service_prefixes)}
    assert registered() == common


def test_every_histogram_the_services_agreed_on_is_a_latency_in_seconds() -> None:
    histograms = [name for name, kind in metrics.AGREED.items() if kind == "histogram"]
    assert histograms
    assert all(name.endswith("_seconds") for name in histograms)
