"""What routing's handlers share beyond the connection: the clock and the metrics."""

from __future__ import annotations

from dataclasses import dataclass, field

from routing.clock import Clock
from routing.measures import Measures
from routing.snapshots import Snapshot


@dataclass(frozen=True)
class Context:
    clock: Clock
    measures: Measures
    snapshot: Snapshot = field(default_factory=Snapshot)
    """This instance's cache of the network and rules."""
    answer_days: float = 5.0
    """How long a citizen has to answer an agency's question (calendar days)."""
