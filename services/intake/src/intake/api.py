"""intake's native HTTP API: take a request in once, answer where it is."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Annotated

from dekat import outbox, topics
from dekat.errors import invalid, problem
from dekat.payloads import Language, Privacy
from dekat.service import Pool
from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, EmailStr, Field

from intake import store
from intake.catalogue import Catalogue
from intake.requests import Contact, contact_event, new_tracking_code, submitted_event
from intake.requests import Request as CitizenRequest

router = APIRouter(prefix="/v1", tags=["requests"])


class CitizenIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    name: str | None = Field(default=None, min_length=1, max_length=200)
    email: EmailStr | None = None
    phone: str | None = Field(default=None, pattern=r"^\+?[0-9 ()-]{6,20}$")
    language: Language = "id"


class RequestIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    service_code: str = Field(min_length=1, max_length=64)
    description: str = Field(min_length=1, max_length=4000)
    lat: float | None = Field(default=None, ge=-90, le=90)
    long: float | None = Field(default=None, ge=-180, le=180)
    address: str | None = Field(default=None, max_length=500)
    privacy: Privacy = "public"
    citizen: CitizenIn | None = None


class Accepted(BaseModel):
    id: str
    tracking_code: str
    status: str


def catalogue_of(request: Request) -> Catalogue:
    catalogue: Catalogue = request.app.state.catalogue
    return catalogue


Services = Annotated[Catalogue, Depends(catalogue_of)]


def problems_with(body: RequestIn, services: Catalogue) -> list[dict[str, str]]:
    """What the catalogue and the privacy rules say is wrong with an otherwise well-formed body."""
    found = []
    service = services.get(body.service_code)
    if service is None:
        found.append(problem("service_code", f"unknown service code {body.service_code!r}"))
    elif service.location_required and (body.lat is None or body.long is None):
        found.append(problem("lat", "this service needs a location: give lat and long"))
    if (body.lat is None) != (body.long is None):
        found.append(problem("long" if body.long is None else "lat", "give lat and long together"))
    if body.privacy == "anonymous" and body.citizen is not None:
        found.append(problem("citizen", "an anonymous request carries no contact details"))
    return found


@router.post("/requests", status_code=201, response_model=Accepted)
async def submit(body: RequestIn, pool: Pool, services: Services) -> Accepted | JSONResponse:
    if found := problems_with(body, services):
        return invalid(found)
    citizen_request = CitizenRequest(
        id=str(uuid.uuid4()),
        tracking_code=new_tracking_code(),
        service_code=body.service_code,
        description=body.description,
        lat=body.lat,
        long=body.long,
        address=body.address,
        channel="web",
        privacy=body.privacy,
        submitted_at=datetime.now(UTC),
    )
    async with pool.acquire() as conn, conn.transaction():
        await store.insert_request(conn, citizen_request)
        await outbox.enqueue(conn, topics.REQUESTS_SUBMITTED, submitted_event(citizen_request))
        if body.citizen is not None:
            contact = Contact(**body.citizen.model_dump())
            await store.insert_contact(conn, citizen_request.id, contact)
            await outbox.enqueue(conn, topics.CITIZENS_CONTACT, contact_event(citizen_request, contact))
    return Accepted(id=citizen_request.id, tracking_code=citizen_request.tracking_code, status="received")


@router.get("/requests/{request_id}")
async def status(request_id: uuid.UUID, pool: Pool) -> JSONResponse:
    async with pool.acquire() as conn:
        view = await store.public_view(conn, str(request_id))
    if view is None:
        raise HTTPException(404, detail={"error": "not_found", "field": "request_id"})
    return JSONResponse(jsonable_encoder(view))
