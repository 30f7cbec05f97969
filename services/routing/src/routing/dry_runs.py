"""A rule set tried before it is stored: which recent requests it would route differently, and how."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from routing import decisions
from routing.agencies import Network
from routing.decisions import Decision, Request
from routing.rules import RuleSet

RECENT = 200
"""How many of the latest requests a dry run decides again."""


def compared(
    requests: list[Request],
    current: RuleSet,
    proposed: RuleSet,
    network: Network,
    load: dict[str, int],
    now: datetime,
) -> list[dict[str, Any]]:
    """Each request whose lead or rule would change, decided now under both rule sets (same load)."""
    changed = []
    for request in requests:
        before = decisions.decide(request, current, network, load, now)
        after = decisions.decide(request, proposed, network, load, now)
        if (before.agency.code, before.rule_id) != (after.agency.code, after.rule_id):
            changed.append({"request_id": request.request_id, "service_code": request.service_code,
                            "now": summary(before), "proposed": summary(after)})  # fmt: skip
    return changed


def summary(d: Decision) -> dict[str, Any]:
    return {"agency_code": d.agency.code, "rule_id": d.rule_id, "reasons": list(d.reasons)}
