"""Who may submit as a counter or a mobile unit: the holder of that counter's or unit's key.

Keys travel in `X-API-Key`; the OpenAPI document declares it as the `ChannelKey` scheme.
"""

from __future__ import annotations

from typing import Annotated

from dekat.errors import refused as refused_with
from fastapi import Depends, HTTPException, Path, Request, Security
from fastapi.security import APIKeyHeader

from intake import channel_keys
from intake.api import Measured
from intake.channel_keys import Channel, KeyBook
from intake.counters import Counter
from intake.mobile_units import MobileUnit

HEADER = "X-API-Key"
UnitId = Annotated[str, Path(min_length=1, max_length=64, pattern=r"^[a-z0-9-]+$")]
ApiKey = Annotated[
    str | None,
    Security(
        APIKeyHeader(
            name=HEADER,
            scheme_name="ChannelKey",
            description="The API key of the counter or mobile unit named in the path",
            auto_error=False,
        )
    ),
]
WHAT = {"counter": "this counter", "mobile": "this mobile unit"}


def keys_of(request: Request) -> KeyBook:
    book: KeyBook = request.app.state.channel_keys
    return book


def refused(status: int, channel: Channel) -> HTTPException:
    if status == 401:
        return refused_with(401, f"the API key of {WHAT[channel]} is required in {HEADER}", field=HEADER)
    return refused_with(403, f"this API key is not the key of {WHAT[channel]}", field=HEADER)


def check(request: Request, channel: Channel, owner_id: str, key: str | None, measured: Measured) -> None:
    if status := channel_keys.refusal(keys_of(request), (channel, owner_id), key):
        measured.rejected.labels(channel, "forbidden").inc()
        raise refused(status, channel)


def not_found(field: str) -> HTTPException:
    return refused_with(404, f"no such {field.removesuffix('_id').replace('_', ' ')}", field=field)


async def counter(request: Request, counter_id: UnitId, key: ApiKey, measured: Measured) -> Counter:
    """The registered counter in the path, when the caller holds its key."""
    registered: list[Counter] = request.app.state.counters
    found = next((c for c in registered if c.id == counter_id), None)
    if found is None:
        raise not_found("counter_id")
    check(request, "counter", counter_id, key, measured)
    return found


async def mobile_unit(request: Request, unit_id: UnitId, key: ApiKey, measured: Measured) -> MobileUnit:
    """The registered mobile unit in the path, when the caller holds its key."""
    units: dict[str, MobileUnit] = request.app.state.mobile_units
    if (found := units.get(unit_id)) is None:
        raise not_found("unit_id")
    check(request, "mobile", unit_id, key, measured)
    return found


AtCounter = Annotated[Counter, Depends(counter)]
FromMobileUnit = Annotated[MobileUnit, Depends(mobile_unit)]
