"""notify's HTTP API: the notification log (operators only, no contact details) and the JSON
side of a reporter's preferences link (the page is `pages`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any, Literal
from uuid import UUID

from dekat.errors import invalid, problem, refusal
from dekat.openapi import errors
from dekat.service import Pool
from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, field_validator

from notify import choices, deliveries, notifications, preferences, store
from notify.access import Operator
from notify.clock import Clock
from notify.failures import Failure
from notify.measures import Measures
from notify.notifications import State
from notify.preferences import InvalidToken

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
    reporter: str
    """Which reporter it was for: "" the submitter, else a follower's id."""
    channel: str
    kind: str
    template: str
    status_seq: int
    state: State
    attempts: int
    failure: Failure | None
    """Why it failed: no_address, opted_out, refused, too_many_attempts, undelivered, no_provider."""
    error: str | None
    """The same in plain words, with the provider's reason when it gave one."""
    superseded_by: UUID | None
    """For a message held for quiet hours and replaced by a newer one: the one that told it."""
    created_at: datetime
    due_at: datetime
    held_until: datetime | None
    sent_at: datetime | None
    delivered_at: datetime | None
    failed_at: datetime | None


def shown(row: dict[str, Any]) -> NotificationOut:
    n = NotificationOut.model_validate({**row, "error": None})
    return n.model_copy(update={"error": notifications.reason(n.failure, n.channel, row["last_error"])})


@router.get(
    "/notifications",
    response_model=list[NotificationOut],
    dependencies=[Operator],
    responses=errors(401, 403),
)
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
    return [shown(row) for row in rows]


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


def reporter_of(token: str, web: Web) -> tuple[str, str] | JSONResponse:
    """(request id, reporter) the link was made for, or the 403 to answer."""
    try:
        return preferences.verify(token, now=web.clock(), secret=web.preferences_secret)
    except InvalidToken as error:
        return refusal(403, f"this link is not valid: {error}", field="token")


TOKEN_ERRORS = errors(403, 404)


@router.get(
    "/preferences/{token}", response_model=PreferencesIO, tags=["preferences"], responses=TOKEN_ERRORS
)
async def read_preferences(token: str, pool: Pool, web: WebDep) -> PreferencesIO | JSONResponse:
    found = reporter_of(token, web)
    if isinstance(found, JSONResponse):
        return found
    async with pool.acquire() as conn:
        contact = await store.contact(conn, *found)
    if contact is None:
        return refusal(404, "no such request", field="token")
    p = contact.prefs
    return PreferencesIO.model_validate(
        {
            "channels": p.channels,
            "language": p.language,
            "opted_out": sorted(p.opted_out),
            "timezone": p.timezone,
        }
    )


@router.put(
    "/preferences/{token}",
    response_model=PreferencesIO,
    tags=["preferences"],
    responses={**TOKEN_ERRORS, **errors(422)},
)
async def change_preferences(
    token: str, body: PreferencesIO, pool: Pool, web: WebDep
) -> PreferencesIO | JSONResponse:
    """The reporter's choices from now on: channel order, language, opt-outs, time zone.
    A channel we have no address for is refused (422, naming `channels`)."""
    found = reporter_of(token, web)
    if isinstance(found, JSONResponse):
        return found
    async with pool.acquire() as conn, conn.transaction():
        await store.lock_request(conn, found[0])
        contact = await store.contact(conn, *found)
        if contact is None:
            return refusal(404, "no such request", field="token")
        if refused := choices.refusals(body.channels, contact):
            return invalid([problem(r.field, r.message()) for r in refused])
        chosen = preferences.Preferences(
            tuple(body.channels), body.language, frozenset(body.opted_out), body.timezone
        )
        await store.save_preferences(conn, *found, chosen)
    return body
