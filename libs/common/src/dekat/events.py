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

    model_config = ConfigDict(frozen=True, extra="ignore")

    id: UUID
    type: str = Field(min_length=1)
    version: int = Field(ge=1)
    source: str = Field(min_length=1)
    time: datetime
    subject: str = Field(min_length=1)
    correlation_id: UUID
    causation_id: UUID | None = None
    data: dict[str, Any]

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
