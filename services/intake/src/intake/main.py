"""Wire intake once: settings, metrics, broker, runtime, HTTP."""

from __future__ import annotations

from dekat import logs, metrics, service
from fastapi import FastAPI

from intake import api, catalogue, handlers
from intake.config import Settings


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    logs.configure(settings.service, settings.log_level)
    measured = metrics.create(settings.service)
    runtime = service.Runtime(
        settings=settings,
        metrics=measured,
        broker=service.create_broker(settings, measured),
        migrations=["dekat", "intake"],
        subscriptions=handlers.SUBSCRIPTIONS,
    )
    app = service.create_app(runtime, title="Dekat intake", description="One front door.")
    app.state.catalogue = catalogue.load(settings.catalogue_path)
    app.include_router(api.router)
    return app
