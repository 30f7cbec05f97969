"""Who handles a request, why, and by when; and how that decision is announced."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from dekat.events import Envelope, new_event
from dekat.payloads import ASSIGNED, WORK_ITEM, AgencyWorkItem, RequestAssigned, RequestSubmitted

from routing.agencies import Agency, Network

RULE_VERSION = 1
ACKNOWLEDGE_WITHIN = timedelta(hours=4)
RESOLVE_WITHIN = timedelta(hours=72)
FIRST_STATUS_SEQ = 1
"""`received` is 0 at intake; the assignment is the first change routing announces."""


@dataclass(frozen=True)
class Decision:
    agency: Agency
    reasons: tuple[str, ...]
    rule_version: int
    acknowledge_by: datetime
    resolve_by: datetime


def decide(network: Network, request: RequestSubmitted, now: datetime) -> Decision:
    agency, reasons = lead_agency(network, request.service_code)
    return Decision(
        agency=agency,
        reasons=reasons,
        rule_version=RULE_VERSION,
        acknowledge_by=now + ACKNOWLEDGE_WITHIN,
        resolve_by=now + RESOLVE_WITHIN,
    )


def lead_agency(network: Network, service_code: str) -> tuple[Agency, tuple[str, ...]]:
    """The agency the service table names, or else the coordinator: never nobody."""
    service = service_code.replace("-", " ")
    code = network.services.get(service_code)
    if code is not None:
        agency = network.agencies[code]
        return agency, (f"{service} requests are handled by {agency.name}",)
    coordinator = network.agencies[network.coordinator]
    return coordinator, (
        f"no agency is set to handle {service} requests, so the coordinator {coordinator.name} takes it",
    )


def assigned_event(
    request: RequestSubmitted, decision: Decision, now: datetime, caused_by: Envelope
) -> Envelope:
    """What intake, notify and operators learn: who, why and by when."""
    data = RequestAssigned(
        request_id=request.request_id,
        agency_code=decision.agency.code,
        agency_name=decision.agency.name,
        reasons=list(decision.reasons),
        rule_version=decision.rule_version,
        status_seq=FIRST_STATUS_SEQ,
        assigned_at=now,
        acknowledge_by=decision.acknowledge_by,
        resolve_by=decision.resolve_by,
    )
    return new_event(
        ASSIGNED, subject=request.request_id, data=data, source="routing", now=now, caused_by=caused_by
    )


def work_item_event(
    request: RequestSubmitted, decision: Decision, now: datetime, caused_by: Envelope
) -> Envelope:
    """What the agency learns: the work, and nothing that identifies the citizen."""
    data = AgencyWorkItem(
        request_id=request.request_id,
        tracking_code=request.tracking_code,
        service_code=request.service_code,
        description=request.description,
        lat=request.lat,
        long=request.long,
        address=request.address,
        attributes=request.attributes,
        assigned_at=now,
        acknowledge_by=decision.acknowledge_by,
        resolve_by=decision.resolve_by,
    )
    return new_event(
        WORK_ITEM, subject=request.request_id, data=data, source="routing", now=now, caused_by=caused_by
    )
