"""The bare front door: validate, one transaction for the request and its contact, produce both."""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import asyncpg
from aiokafka import AIOKafkaProducer
from dekat.db import Pool
from fastapi import FastAPI, Request
from pydantic import BaseModel, EmailStr, Field

from bench.bare import events
from bench.bare.config import CONTACT, SUBMITTED, Settings


class CitizenIn(BaseModel):
    name: str | None = Field(default=None, max_length=200)
    email: EmailStr


class RequestIn(BaseModel):
    service_code: str = Field(min_length=1, max_length=64)
    description: str = Field(min_length=1, max_length=4000)
    lat: float | None = Field(default=None, ge=-90, le=90)
    long: float | None = Field(default=None, ge=-180, le=180)
    citizen: CitizenIn


async def store(pool: Pool, request_id: uuid.UUID, body: RequestIn) -> None:
    async with pool.acquire() as conn, conn.transaction():
        await conn.execute(
            "INSERT INTO requests (id, service_code, description, lat, long, submitted_at)"
            " VALUES ($1, $2, $3, $4, $5, $6)",
            request_id,
            body.service_code,
            body.description,
            body.lat,
            body.long,
            datetime.now(UTC),
        )
        await conn.execute(
            "INSERT INTO contacts (request_id, name, email) VALUES ($1, $2, $3)",
            request_id,
            body.citizen.name,
            body.citizen.email,
        )


async def produce(producer: AIOKafkaProducer, settings: Settings, request_id: str, body: RequestIn) -> None:
    submitted = events.envelope(request_id, body.model_dump(exclude={"citizen"}))
    contact = events.envelope(request_id, body.citizen.model_dump())
    key = request_id.encode()
    sent = [
        await producer.send(settings.topic(SUBMITTED), submitted, key=key),
        await producer.send(settings.topic(CONTACT), contact, key=key),
    ]
    await asyncio.gather(*sent)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.pool = await asyncpg.create_pool(settings.database_url, min_size=2, max_size=10)
        app.state.producer = AIOKafkaProducer(**settings.kafka().aiokafka(), enable_idempotence=True)
        await app.state.producer.start()
        yield
        await app.state.producer.stop()
        await app.state.pool.close()

    app = FastAPI(title="bare pipeline", lifespan=lifespan)

    @app.post("/v1/requests", status_code=201)
    async def submit(body: RequestIn, request: Request) -> dict[str, str]:
        request_id = uuid.uuid4()
        await store(request.app.state.pool, request_id, body)
        await produce(request.app.state.producer, settings, str(request_id), body)
        return {"id": str(request_id), "status": "received"}

    @app.get("/health/ready")
    async def ready() -> dict[str, bool]:
        return {"ready": True}

    return app
