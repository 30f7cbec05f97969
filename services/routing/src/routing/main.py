"""Wire routing once: settings, the network files, metrics, broker, runtime, HTTP."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from datetime import timedelta

from dekat import logs, metrics, retention, service
from fastapi import FastAPI

from routing import (
    admin,
    api,
    escalations,
    handlers,
    kafka_access,
    measures,
    network_store,
    photos,
    sources,
    views,
)
from routing.clock import Clock
from routing.config import Settings
from routing.console import wiring as console
from routing.context import Context

Job = Callable[[service.Runtime], Awaitable[None]]


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    logs.configure(settings.service, settings.log_level)
    measured = metrics.create(settings.service)
    files = sources.read(settings.network_path, settings.catalogue_path)
    ctx = Context(
        Clock(timedelta(seconds=settings.clock_offset_seconds)),
        measures.create(measured.registry),
        answer_days=settings.answer_days,
    )
    access = kafka_access.of(settings)
    runtime = service.Runtime(
        settings=settings,
        metrics=measured,
        broker=service.create_broker(settings, measured),
        migrations=["dekat", "dekat.accounts", "routing"],
        subscriptions=handlers.subscriptions(ctx),
        on_connect=[seed(files), open_agencies(access)],
        background=[
            deadline_worker(ctx, settings),
            load_gauges(ctx),
            retention.job(retention.common(settings), settings),
        ],
    )
    app = service.create_app(runtime, title="Dekat routing", description="Who handles it, and why.")
    app.state.context = ctx
    app.state.catalogue = files.catalogue
    app.state.admin_api_key = settings.admin_api_key.get_secret_value()
    app.state.clock_adjustable = settings.clock_adjustable
    app.state.links = photos.Links(
        settings.public_url, settings.agency_api_url, settings.link_secret.get_secret_value()
    )
    app.state.kafka_access = access
    app.include_router(api.router)
    app.include_router(api.agency_router)
    app.include_router(admin.router)
    console.install(app, settings)
    return app


def seed(files: sources.Sources) -> service.OnConnect:
    """Before anything is consumed: the network and rules are in the database."""

    async def seed_from_files(runtime: service.Runtime) -> None:
        async with runtime.pool.acquire() as conn, conn.transaction():
            await sources.seed(conn, files)

    return seed_from_files


def open_agencies(access: kafka_access.KafkaAccess) -> service.OnConnect:
    """Every enabled agency has its topics and ACLs, no disabled one keeps any."""

    async def reconcile(runtime: service.Runtime) -> None:
        async with runtime.pool.acquire() as conn:
            network = await network_store.load_network(conn)
        await access.reconcile(runtime, network)

    return reconcile


def deadline_worker(ctx: Context, settings: Settings) -> Job:
    async def deadlines(runtime: service.Runtime) -> None:
        await escalations.run(runtime.pool, ctx, settings.deadline_poll_seconds)

    return deadlines


def load_gauges(ctx: Context) -> Job:
    """Open requests and capacity per agency, kept current for `/metrics`."""

    async def gauges(runtime: service.Runtime) -> None:
        while True:
            with contextlib.suppress(Exception):  # the next round tries again
                async with runtime.pool.acquire() as conn:
                    found = await views.agencies_with_load(conn)
                for agency in found:
                    ctx.measures.open_requests.labels(agency["code"]).set(agency["open_requests"])
                    ctx.measures.capacity.labels(agency["code"]).set(agency["capacity"])
            await asyncio.sleep(5)

    return gauges
