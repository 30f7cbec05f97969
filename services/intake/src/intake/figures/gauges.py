"""The published figures as Prometheus gauges, per agency, for the Grafana agency dashboard.

Set from each snapshot this process loads (every intake instance serves the same one, so a
dashboard takes `max by (agency)`). A figure not published yet (too few answers) has no series.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from prometheus_client import CollectorRegistry, Gauge


@dataclass(frozen=True)
class Gauges:
    ikm: Gauge
    on_time: Gauge
    trust: Gauge
    respondents: Gauge

    def show(self, document: dict[str, Any]) -> None:
        for gauge in (self.ikm, self.on_time, self.trust, self.respondents):
            gauge.clear()
        for agency in document.get("agencies", []):
            self.agency(agency)

    def agency(self, a: dict[str, Any]) -> None:
        code = a["code"]
        self.respondents.labels(code).set(a["survey"]["respondents"])
        if a["survey"]["ikm"] is not None:
            self.ikm.labels(code).set(a["survey"]["ikm"])
        if a["trust"]["score"] is not None:
            self.trust.labels(code).set(a["trust"]["score"])
        for deadline, counted in a["on_time"].items():
            if counted["percent"] is not None:
                self.on_time.labels(code, deadline).set(counted["percent"] / 100)


def create(registry: CollectorRegistry) -> Gauges:
    return Gauges(
        ikm=Gauge(
            "dekat_intake_public_ikm",
            "The survey's index (IKM, 25-100) per agency",
            ["agency"],
            registry=registry,
        ),
        on_time=Gauge(
            "dekat_intake_public_on_time_ratio",
            "Share of deadlines met (acknowledge, resolve) per agency, as published",
            ["agency", "deadline"],
            registry=registry,
        ),
        trust=Gauge(
            "dekat_intake_public_trust_index",
            "The published trust index (0-100) per agency",
            ["agency"],
            registry=registry,
        ),
        respondents=Gauge(
            "dekat_intake_public_survey_respondents",
            "Survey respondents per agency",
            ["agency"],
            registry=registry,
        ),
    )
