"""What routing's handlers share beyond the connection: the clock and the metrics."""

from __future__ import annotations

from dataclasses import dataclass

from routing.clock import Clock
from routing.measures import Measures


@dataclass(frozen=True)
class Context:
    clock: Clock
    measures: Measures
