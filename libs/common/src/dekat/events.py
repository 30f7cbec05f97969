"""The event envelope every Dekat message travels in (docs/design.md, "Topics")."""

from __future__ import annotations

import builtins
from datetime import UTC, datetime
from typing import Any, TypeVar
from uuid import UUID, uuid4

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T", bound=BaseModel)


class Envelope(BaseModel):
    """One event: who said what about which request, and what caused it."""

    model_config = ConfigDict(frozen=True, extra="ignore", use_attribute_docstrings=True)

    id: UUID
    """Unique per event: consumers dedupe by it (a redelivered event has the same id)."""
    type: str = Field(min_length=1)
    """What happened, e.g. `request.submitted`; it says what `data` holds."""
    version: int = Field(ge=1)
    """Of the type's `data`; a consumer parks a version it does not know."""
    source: str = Field(min_length=1)
    """The service (or agency) that said it."""
    time: datetime
    """When it happened (RFC 3339, UTC)."""
    subject: str = Field(min_length=1)
    """The request it is about (for `network.area`, the area's code)."""
    correlation_id: UUID
    """The same for every event one submission led to."""
    causation_id: UUID | None = None
    """The event that caused this one, if any."""
    data: dict[str, Any]
    """The payload of `type`."""

    def payload(self, model: builtins.type[T]) -> T:
        """The `data` read as the payload model of this event's type."""
        return model.model_validate(self.data)

    def to_bytes(self) -> bytes:
        return self.model_dump_json().encode()


def new_event(
    type_: str,
    *,
    subject: str,
    data: BaseModel,
    source: str,
    now: datetime | None = None,
    caused_by: Envelope | None = None,
    version: int = 1,
    event_id: UUID | None = None,
) -> Envelope:
    """A fresh event; `caused_by` carries the correlation of the event that led to it."""
    new_id = event_id or uuid4()
    return Envelope(
        id=new_id,
        type=type_,
        version=version,
        source=source,
        time=now or datetime.now(UTC),
        subject=subject,
        correlation_id=caused_by.correlation_id if caused_by else new_id,
        causation_id=caused_by.id if caused_by else None,
        data=data.model_dump(mode="json"),
    )
