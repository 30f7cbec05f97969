"""Wire intake once: settings, metrics, broker, runtime, catalogue, channels, HTTP."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from dekat import asyncapi, logs, metrics, retention, service
from dekat.web import pages
from fastapi import FastAPI

from intake import (
    api,
    api_areas,
    api_channels,
    api_survey,
    area_index,
    catalogue,
    channel_keys,
    counters,
    directory,
    erasure,
    following,
    handlers,
    idempotency,
    mobile_units,
    open311,
    photo_links,
    portal,
    reporting,
    responses,
    web,
    web_survey,
)
from intake import metrics as intake_metrics
from intake.config import Settings
from intake.counter import wiring as counter
from intake.figures import gauges, publishing
from intake.figures.document import Names
from intake.limits import BodyLimit
from intake.projection import generations
from intake.projection import handlers as projection_handlers
from intake.public import api as public_api
from intake.public import downloads
from intake.public import pages as public_pages
from intake.rate_limits import Limit, networks
from intake.throttle import Limits, RateLimit


def open311_clients(path: str) -> dict[str, str]:
    """api_key → the client it identifies."""
    return {c["api_key"]: c["client"] for c in json.loads(Path(path).read_text())}


def rate_limits_of(settings: Settings) -> Limits:
    return Limits(
        submit=Limit(settings.rate_limit_submit_per_minute, settings.rate_limit_submit_burst),
        lookup=Limit(settings.rate_limit_lookup_per_minute, settings.rate_limit_lookup_burst),
        key=Limit(settings.rate_limit_key_per_minute, settings.rate_limit_key_burst),
        miss_cost=settings.rate_limit_miss_cost,
        exempt=networks(settings.rate_limit_exempt),
    )


def names_of(app: FastAPI) -> Names:
    """What the figures call services and areas (agencies are named by their own events)."""
    known = app.state.areas.current.areas
    return Names(
        services={code: s.name for code, s in app.state.catalogue.items()},
        areas={code: a.name for code, a in known.items()},
        kecamatan=tuple(sorted(code for code, a in known.items() if a.level == "kecamatan")),
    )


def public_jobs(
    app: FastAPI, settings: Settings, measured: metrics.Metrics, areas: area_index.AreaIndex
) -> list[Any]:
    """The published figures (every process), and the projection's consumers (unless turned off)."""
    app.state.published = publishing.Published(
        lambda: names_of(app),
        gauges.create(measured.registry),
        refresh_seconds=settings.public_refresh_seconds,
        max_age_seconds=settings.public_max_age_seconds,
    )
    live = generations.Live(areas, settings.public_generation_poll_seconds)
    return [app.state.published.keep_current, *([live.keep_current] if settings.public_projection else [])]


def purges(settings: Settings) -> list[retention.Purge]:
    """What intake's retention job deletes: sent outbox rows, old inbox rows, expired idempotency keys."""
    return [*retention.common(settings), idempotency.expiry(settings.idempotency_keep_hours)]


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    logs.configure(settings.service, settings.log_level)
    measured = metrics.create(settings.service)
    areas = area_index.AreaIndex()
    ours = intake_metrics.create(measured.registry)
    runtime = service.Runtime(
        settings=settings,
        metrics=measured,
        broker=service.create_broker(settings, measured),
        migrations=["dekat", "dekat.accounts", "intake"],
        subscriptions=handlers.SUBSCRIPTIONS,
        background=[
            area_index.keeping_current(
                areas, settings.database_url, poll_seconds=settings.areas_poll_seconds
            ),
            retention.job(purges(settings), settings),
            erasure.job(settings, ours.erased),
        ],
    )
    if settings.public_projection:  # its consumers subscribe once connected; their DLQs are declared now
        for subscription in projection_handlers.subscriptions(1, areas):
            asyncapi.declare_dlq(runtime.broker, subscription.topic)
    app = service.create_app(runtime, title="Dekat intake", description="One front door.")
    app.state.settings = settings
    app.state.areas = areas
    app.state.catalogue = catalogue.load(settings.catalogue_path)
    app.state.counters = counters.load(settings.counters_path)
    app.state.mobile_units = mobile_units.load(settings.mobile_units_path)
    app.state.channel_keys = channel_keys.load(settings.channel_keys_path)
    app.state.open311_clients = open311_clients(settings.open311_clients_path)
    app.state.intake_metrics = ours
    app.state.pages = pages.install(app, "intake")
    app.state.stops = directory.load_stops(settings.mobile_units_path)
    runtime.background += public_jobs(app, settings, measured, areas)  # spawned once connected
    responses.install(app, app.state.intake_metrics)
    app.include_router(api.router)
    app.include_router(api_channels.router)
    app.include_router(api_areas.router)
    app.include_router(api_survey.router)
    app.include_router(public_api.router)
    app.include_router(public_pages.router)
    app.include_router(downloads.router)
    app.include_router(open311.router)
    app.include_router(portal.router)
    app.include_router(reporting.router)
    app.include_router(following.router)
    app.include_router(web_survey.router)  # before web: its /track/{code}/{action} would take it
    app.include_router(web.router)
    app.include_router(photo_links.router)
    counter.install(app, settings, app.state.pages)
    app.add_middleware(  # inside BodyLimit, which bounds the body it may read
        RateLimit,
        limits=rate_limits_of(settings),
        known_key=lambda key: (
            channel_keys.known(app.state.channel_keys, key) or key in app.state.open311_clients
        ),
        metrics=app.state.intake_metrics,
    )
    app.add_middleware(
        BodyLimit,
        limit=settings.max_body_bytes,
        limits={"/v1/mobile-units": settings.max_batch_bytes, "/services/": settings.max_form_bytes},
        metrics=app.state.intake_metrics,
    )
    return app
