"""Wire notify once: settings, metrics, broker, runtime, channels, the dispatcher, HTTP."""

from __future__ import annotations

import functools
from datetime import timedelta
from urllib.parse import urlsplit

from dekat import logs, metrics, retention, service
from dekat.web import pages as web_pages
from fastapi import FastAPI

from notify import api, callbacks, clock, dispatch, handlers, mailer, measures, pages, providers
from notify.channels import Send
from notify.config import Settings
from notify.links import Links
from notify.notifications import RetryPolicy
from notify.preferences import QuietHours


def channels_of(settings: Settings) -> dict[str, Send]:
    email = mailer.smtp(
        settings.smtp_host,
        settings.smtp_port,
        sender=settings.mail_from,
        timeout=settings.smtp_timeout_seconds,
    )
    return {
        "email": email,
        "sms": providers_of(settings.sms_provider_url, settings),
        "whatsapp": providers_of(settings.whatsapp_provider_url, settings),
    }


def providers_of(setting: str, settings: Settings) -> Send:
    """`"http://a,http://b"`: a channel's providers, tried in turn while they refuse for good."""
    receipts = f"{settings.notify_url.rstrip('/')}/v1/callbacks/receipts"
    timeout = settings.provider_timeout_seconds
    return providers.in_turn(
        [providers.http(url, callback_url=receipts, timeout=timeout) for url in urls(setting)]
    )


def urls(setting: str) -> list[str]:
    return [url.strip() for url in setting.split(",") if url.strip()]


def provider_names(settings: Settings) -> dict[str, str]:
    """Low-cardinality labels: the providers' hosts, never anything about the message."""
    return {
        "email": "smtp",
        "sms": ",".join(urlsplit(url).netloc for url in urls(settings.sms_provider_url)),
        "whatsapp": ",".join(urlsplit(url).netloc for url in urls(settings.whatsapp_provider_url)),
    }


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    logs.configure(settings.service, settings.log_level)
    measured = metrics.create(settings.service)
    ours = measures.create(measured.registry)
    now = clock.of(settings.clock_file)
    links = Links(
        settings.public_url,
        settings.notify_url,
        settings.preferences_secret.get_secret_value(),
        timedelta(days=settings.preferences_link_days),
    )
    runtime = service.Runtime(
        settings=settings,
        metrics=measured,
        broker=service.create_broker(settings, measured),
        migrations=["dekat", "notify"],
        subscriptions=handlers.subscriptions(
            handlers.Planning(links, now, QuietHours.parse(settings.quiet_hours))
        ),
    )
    dispatcher = dispatch.Dispatcher(
        pool=lambda: runtime.pool,
        channels=channels_of(settings),
        providers=provider_names(settings),
        clock=now,
        policy=RetryPolicy(
            timedelta(seconds=settings.retry_first_seconds),
            timedelta(seconds=settings.retry_max_seconds),
            settings.max_attempts,
        ),
        lease=timedelta(seconds=settings.send_lease_seconds),
        measures=ours,
    )
    runtime.background.append(retention.job(retention.common(settings), settings))
    runtime.background.append(
        functools.partial(
            dispatch.run,
            dispatcher=dispatcher,
            poll_seconds=settings.dispatch_poll_seconds,
            workers=settings.dispatch_workers,
        )
    )
    app = service.create_app(runtime, title="Dekat notify", description="Tells citizens, once per change.")
    secrets = settings.callback_secret.get_secret_value(), settings.preferences_secret.get_secret_value()
    app.state.web = api.Web(now, clock.system, *secrets, ours)
    app.state.operator_api_key = settings.operator_api_key.get_secret_value()
    app.state.pages = web_pages.install(app, "notify", strict=True)
    app.state.pages.home_url = settings.public_url  # notify has no home page: its header leads to the portal
    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(callbacks.router)
    return app
