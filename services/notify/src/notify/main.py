"""Wire notify once: settings, metrics, broker, runtime, the dispatcher, HTTP."""

from __future__ import annotations

import functools

from dekat import logs, metrics, service
from fastapi import FastAPI

from notify import api, dispatch, handlers, mailer
from notify.config import Settings


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    logs.configure(settings.service, settings.log_level)
    measured = metrics.create(settings.service)
    runtime = service.Runtime(
        settings=settings,
        metrics=measured,
        broker=service.create_broker(settings, measured),
        migrations=["dekat", "notify"],
        subscriptions=handlers.subscriptions(public_url=settings.public_url),
    )
    send = mailer.smtp(
        settings.smtp_host,
        settings.smtp_port,
        sender=settings.mail_from,
        timeout=settings.smtp_timeout_seconds,
    )
    runtime.background.append(
        functools.partial(dispatch.run, send=send, poll_seconds=settings.dispatch_poll_seconds)
    )
    app = service.create_app(runtime, title="Dekat notify", description="Tells citizens, once per change.")
    app.include_router(api.router)
    return app
