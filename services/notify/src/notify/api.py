"""notify's HTTP API: the notification log of a request, without anyone's contact details."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from dekat.service import Pool
from fastapi import APIRouter
from pydantic import BaseModel

from notify import store
from notify.notifications import State

router = APIRouter(prefix="/v1", tags=["notifications"])


class NotificationOut(BaseModel):
    id: UUID
    request_id: UUID
    channel: str
    kind: str
    status_seq: int
    state: State
    attempts: int
    created_at: datetime
    sent_at: datetime | None


@router.get("/notifications", response_model=list[NotificationOut])
async def listing(
    pool: Pool, request_id: UUID, state: State | None = None, channel: str | None = None
) -> list[NotificationOut]:
    async with pool.acquire() as conn:
        rows = await store.listing(conn, request_id, state=state, channel=channel)
    return [NotificationOut.model_validate(row) for row in rows]
