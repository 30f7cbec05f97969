"""The admin API: the network, the rules (each edit a new version), agencies' keys, the test clock."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated, Any, Literal

from dekat.errors import invalid, problem, refused
from dekat.openapi import errors
from dekat.service import Pool
from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, StrictBool

from routing import (
    agencies,
    areas,
    calendars,
    dry_runs,
    kafka_access,
    keys,
    network_store,
    rules,
    snapshots,
    store,
    views,
)
from routing import view_models as shown
from routing.access import Admin, Ctx
from routing.agencies import Agency, Network
from routing.catalogue import Catalogue

router = APIRouter(prefix="/v1/admin", tags=["admin"], dependencies=[Admin], responses=errors(401, 403))
AgencyCode = Annotated[
    str, Path(pattern=agencies.CODE.pattern, description="Topic-safe: it names Kafka topics")
]
AreaCode = Annotated[str, Path(pattern=r"^[a-z0-9][a-z0-9-]{0,62}$")]


def catalogue_of(request: Request) -> Catalogue:
    found: Catalogue = request.app.state.catalogue
    return found


Services = Annotated[Catalogue, Depends(catalogue_of)]


class Coverage(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    services: list[str] = Field(min_length=1)
    areas: list[str] = []


class AgencyBody(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    name: str = Field(min_length=1, max_length=200)
    kind: Literal["government", "utility", "ngo", "private"]
    supervisor: str | None = None
    capacity: int = Field(ge=0, le=100_000)
    calendar: dict[str, Any] = {}
    handles: list[Coverage] = []
    on_call: bool | dict[str, Any] = False
    """`true`: on call round the clock; a calendar: on call in those hours; `false`: no on-call cover."""
    active: StrictBool = True
    """false disables the agency: no new work, its Kafka user and ACLs revoked, its API keys refused."""


Position = Annotated[list[float], Field(min_length=2, max_length=3)]
"""[longitude, latitude] (and an ignored altitude), as GeoJSON has it."""
Ring = Annotated[list[Position], Field(min_length=4)]
"""Closed: it ends where it starts."""


class Polygon(BaseModel):
    model_config = ConfigDict(strict=True)

    type: Literal["Polygon"]
    coordinates: list[Ring] = Field(min_length=1)


class MultiPolygon(BaseModel):
    model_config = ConfigDict(strict=True)

    type: Literal["MultiPolygon"]
    coordinates: list[Annotated[list[Ring], Field(min_length=1)]] = Field(min_length=1)


class AreaBody(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    name: str = Field(min_length=1, max_length=200)
    level: areas.Level
    parent: str | None = None
    geometry: Annotated[Polygon | MultiPolygon, Field(discriminator="type")]
    """A GeoJSON Polygon or MultiPolygon; it must be a valid area (no self-intersecting ring)."""


class ClockBody(BaseModel):
    model_config = ConfigDict(strict=True)

    advance_seconds: float = Field(gt=0, le=365 * 86400)


@router.get("/network", response_model=shown.NetworkDocument)
async def network(pool: Pool) -> JSONResponse:
    async with pool.acquire() as conn:
        current = await network_store.load_network(conn)
    return JSONResponse(
        jsonable_encoder(
            {
                "coordinator": current.coordinator,
                "agencies": [agencies.as_document(a) for a in current.agencies.values()],
                "areas": {
                    "type": "FeatureCollection",
                    "features": [areas.as_feature(a) for a in current.areas.values()],
                },
            }
        )
    )


@router.put("/agencies/{code}", response_model=shown.AgencyChanged, responses=errors(422, 503))
async def put_agency(
    code: AgencyCode, body: AgencyBody, pool: Pool, request: Request, services: Services
) -> JSONResponse:
    """Add, change, disable (`"active": false`) or re-enable an agency, and its access to Kafka.

    A new or re-enabled agency gets its topics, ACLs and a Kafka password, shown once in `kafka`;
    every change is announced on `network.agencies.v1` for intake's public figures.
    """
    for name, calendar in (("calendar", body.calendar), ("on_call", body.on_call)):
        try:
            calendars.parse(calendar) if isinstance(calendar, dict) else None
        except (ValueError, TypeError) as error:
            return invalid([problem(name, str(error))])
    agency = agencies.parse_agency({"code": code, **body.model_dump()})
    if unknown := sorted({s for c in agency.handles for s in c.services} - services.services):
        return invalid([problem("handles", f"not in the service catalogue: {', '.join(unknown)}")])
    async with pool.acquire() as conn, conn.transaction():
        current = await network_store.load_network(conn)
        if problems := agency_problems(agency, current):
            return invalid(problems)
        await network_store.save_agency(conn, agency)
        await network_store.announce_agencies(conn, [agency])
        kafka = await kafka_access.changed(request, current.agencies.get(code), agency)
    return JSONResponse(jsonable_encoder({**agencies.as_document(agency), "kafka": kafka}))


def agency_problems(agency: Agency, current: Network) -> list[dict[str, str]]:
    known = {**current.agencies, agency.code: agency}
    if agency.supervisor is not None and agency.supervisor not in known:
        return [problem("supervisor", f"no agency {agency.supervisor!r} in the network")]
    if unknown := sorted({a for c in agency.handles for a in c.areas} - current.areas.keys()):
        return [problem("handles", f"unknown areas: {', '.join(unknown)}")]
    if not agency.active and agency.code == current.coordinator:
        return [problem("active", "the coordinator takes whatever nobody else can: it cannot be disabled")]
    return []


@router.post(
    "/agencies/{code}/kafka-credentials",
    status_code=201,
    response_model=shown.KafkaCredentials,
    responses=errors(404, 503),
)
async def issue_kafka_password(code: AgencyCode, pool: Pool, request: Request) -> JSONResponse:
    """A new Kafka password for an enabled agency (the old one stops working); shown once."""
    async with pool.acquire() as conn:
        current = await network_store.load_network(conn)
    if code not in current.agencies or not current.agencies[code].active:
        raise refused(404, "no such agency, or it is disabled", field="code")
    kafka = await kafka_access.rotated(request, code)
    return JSONResponse({"agency_code": code, "kafka": kafka}, status_code=201)


@router.put("/areas/{code}", response_model=shown.AreaFeature, responses=errors(422))
async def put_area(code: AreaCode, body: AreaBody, pool: Pool) -> JSONResponse:
    """Add or change an area; it is announced on `network.areas.v1` for intake."""
    try:
        area = areas.feature(
            {
                "properties": {"code": code, **body.model_dump(exclude={"geometry"})},
                "geometry": body.geometry.model_dump(),
            }
        )
    except (ValueError, KeyError, TypeError) as error:
        return invalid([problem("geometry", str(error))])
    async with pool.acquire() as conn, conn.transaction():
        known = await network_store.load_areas(conn)
        if area.parent is not None and area.parent not in known:
            return invalid([problem("parent", f"no area {area.parent!r}")])
        try:
            areas.checked({**known, code: area})
        except ValueError as error:
            return invalid([problem("level", str(error))])
        await network_store.save_area(conn, area)
        await network_store.announce_areas(conn, [area])
    return JSONResponse(jsonable_encoder(areas.as_feature(area)))


@router.get("/rules", response_model=shown.RulesDocument)
async def get_rules(pool: Pool) -> JSONResponse:
    """The current rules, their version, and how often each rule's choice bounced."""
    async with pool.acquire() as conn:
        version, document = await network_store.rules_document(conn)
        bounced = await views.bounces(conn)
    return JSONResponse(jsonable_encoder({"version": version, "document": document, "bounces": bounced}))


@router.put(
    "/rules",
    status_code=201,
    response_model=shown.RulesVersion,
    responses={200: {"model": shown.DryRun, "description": "With `dry_run=true`"}, **errors(422)},
)
async def put_rules(
    body: rules.RuleSetBody, pool: Pool, ctx: Ctx, services: Services, dry_run: bool = Query(False)
) -> JSONResponse:
    """Replace the rules; they become the next version, and new decisions use it.

    Checked against the network and the catalogue first; with `dry_run=true`, nothing is stored
    and the answer is what `POST /v1/admin/rules/dry-run` says.
    """
    if dry_run:
        return await rehearse(body, pool, ctx, services)
    document = body.model_dump(exclude_unset=True)
    async with pool.acquire() as conn, conn.transaction():
        network = await network_store.load_network(conn)
        if found := rules.problems(rules.parse(document), network, services):
            return invalid([problem(where, what) for where, what in found])
        version = await network_store.add_rules(conn, document, "admin")
    return JSONResponse({"version": version}, status_code=201)


@router.post("/rules/dry-run", response_model=shown.DryRun, responses=errors(422))
async def rehearse(body: rules.RuleSetBody, pool: Pool, ctx: Ctx, services: Services) -> JSONResponse:
    """Which of the last requests the proposed rules would route differently from the current ones."""
    proposed = rules.parse(body.model_dump(exclude_unset=True))
    async with pool.acquire() as conn:
        network = await snapshots.network(conn, ctx.snapshot)
        if found := rules.problems(proposed, network, services):
            return invalid([problem(where, what) for where, what in found])
        current = await snapshots.rules(conn, ctx.snapshot)
        recent = await views.recent_requests(conn, dry_runs.RECENT)
        load = await store.open_load(conn)
    changes = dry_runs.compared(recent, current, proposed, network, load, ctx.clock.now())
    return JSONResponse(jsonable_encoder({"considered": len(recent), "changed": changes}))


@router.post("/agencies/{code}/keys", status_code=201, response_model=shown.IssuedKey, responses=errors(404))
async def issue_key(code: str, pool: Pool) -> JSONResponse:
    """A new API key for the agency; it is shown once and stored only as a digest."""
    key = keys.new_key(code)
    async with pool.acquire() as conn:
        current = await network_store.load_network(conn)
        if code not in current.agencies:
            raise refused(404, "no such agency", field="code")
        await network_store.add_key(conn, code, keys.digest(key))
    return JSONResponse({"agency_code": code, "api_key": key}, status_code=201)


@router.post("/clock", response_model=shown.ClockMoved, responses=errors(404))
async def advance_clock(body: ClockBody, ctx: Ctx, request: Request) -> JSONResponse:
    """Move routing's clock forward (only when `DEKAT_CLOCK_ADJUSTABLE` is set: tests, demos)."""
    if not request.app.state.clock_adjustable:
        raise refused(404, "the clock is not adjustable here")
    now = ctx.clock.advance(timedelta(seconds=body.advance_seconds))
    return JSONResponse({"now": now.isoformat(), "offset_seconds": ctx.clock.offset.total_seconds()})
