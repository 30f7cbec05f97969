"""notify's HTTP API: the notification log (no contact details) and the citizen's preferences link."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Literal
from uuid import UUID

from dekat.errors import invalid, problem
from dekat.service import Pool
from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, field_validator

from notify import deliveries, preferences, store
from notify.clock import Clock
from notify.measures import Measures
from notify.notifications import State
from notify.preferences import InvalidToken, Preferences

router = APIRouter(prefix="/v1", tags=["notifications"])

ChannelName = Literal["email", "sms", "whatsapp"]


@dataclass(frozen=True)
class Web:
    """What the HTTP side needs besides the pool; built once by `main.create_app()`."""

    clock: Clock
    """Notify's (possibly movable) time: token expiry, state changes."""
    wall: Clock
    """The real time, for the freshness of providers' signatures (they sign with theirs)."""
    callback_secret: str
    preferences_secret: str
    measures: Measures


def web_of(request: Request) -> Web:
    web: Web = request.app.state.web
    return web


WebDep = Annotated[Web, Depends(web_of)]


class NotificationOut(BaseModel):
    id: UUID
    request_id: UUID
    channel: str
    kind: str
    template: str
    status_seq: int
    state: State
    attempts: int
    error: str | None
    created_at: datetime
    due_at: datetime
    held_until: datetime | None
    sent_at: datetime | None
    delivered_at: datetime | None
    failed_at: datetime | None


@router.get("/notifications", response_model=list[NotificationOut])
async def listing(
    pool: Pool,
    request_id: UUID | None = None,
    state: State | None = None,
    channel: ChannelName | None = None,
    limit: Annotated[int, Field(ge=1, le=1000)] = 100,
) -> list[NotificationOut]:
    """A request's notifications (or, without `request_id`, e.g. every `state=failed` one)."""
    async with pool.acquire() as conn:
        rows = await deliveries.listing(
            conn, request_id=request_id, state=state, channel=channel, limit=limit
        )
    return [NotificationOut.model_validate(row) for row in rows]


class PreferencesIO(BaseModel):
    model_config = ConfigDict(extra="forbid")

    channels: list[ChannelName] = Field(min_length=1, max_length=3)
    language: Literal["id", "en"]
    opted_out: list[ChannelName] = []
    timezone: str = preferences.DEFAULT_TIMEZONE

    @field_validator("timezone")
    @classmethod
    def known_zone(cls, value: str) -> str:
        if preferences.zone(value).key != value:
            raise ValueError("unknown time zone")
        return value


def request_of(token: str, web: Web) -> str | JSONResponse:
    try:
        return preferences.verify(token, now=web.clock(), secret=web.preferences_secret)
    except InvalidToken as error:
        return invalid([problem("token", f"this link is not valid: {error}")], status=403)


@router.get("/preferences/{token}", response_model=PreferencesIO, tags=["preferences"])
async def read_preferences(token: str, pool: Pool, web: WebDep) -> PreferencesIO | JSONResponse:
    request_id = request_of(token, web)
    if isinstance(request_id, JSONResponse):
        return request_id
    async with pool.acquire() as conn:
        contact = await store.contact(conn, request_id)
    if contact is None:
        return invalid([problem("token", "no such request")], status=404)
    p = contact.prefs
    return PreferencesIO.model_validate(
        {
            "channels": p.channels,
            "language": p.language,
            "opted_out": sorted(p.opted_out),
            "timezone": p.timezone,
        }
    )


@router.put("/preferences/{token}", response_model=PreferencesIO, tags=["preferences"])
async def change_preferences(
    token: str, body: PreferencesIO, pool: Pool, web: WebDep
) -> PreferencesIO | JSONResponse:
    """The citizen's choices from now on: channel order, language, opt-outs, time zone."""
    request_id = request_of(token, web)
    if isinstance(request_id, JSONResponse):
        return request_id
    chosen = Preferences(tuple(body.channels), body.language, frozenset(body.opted_out), body.timezone)
    async with pool.acquire() as conn, conn.transaction():
        await store.lock_request(conn, request_id)
        if await store.contact(conn, request_id) is None:
            return invalid([problem("token", "no such request")], status=404)
        await store.save_preferences(conn, request_id, chosen)
    return body
