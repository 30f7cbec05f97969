"""Wire routing once: settings, the network, metrics, broker, runtime, HTTP."""

from __future__ import annotations

from dekat import logs, metrics, service, topics
from fastapi import FastAPI

from routing import agencies, api, handlers, store
from routing.config import Settings


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    logs.configure(settings.service, settings.log_level)
    measured = metrics.create(settings.service)
    network = agencies.load(settings.network_path)
    runtime = service.Runtime(
        settings=settings,
        metrics=measured,
        broker=service.create_broker(settings, measured),
        migrations=["dekat", "routing"],
        subscriptions=handlers.SUBSCRIPTIONS,
        on_connect=on_connect(network, settings),
    )
    app = service.create_app(runtime, title="Dekat routing", description="Who handles it, and why.")
    app.include_router(api.router)
    return app


def on_connect(network: agencies.Network, settings: Settings) -> list[service.OnConnect]:
    """Before anything is consumed: the network is in the database and every agency has a topic."""

    async def save_network(runtime: service.Runtime) -> None:
        async with runtime.pool.acquire() as conn, conn.transaction():
            await store.save_network(conn, network)

    async def create_agency_topics(runtime: service.Runtime) -> None:
        await runtime.ensure_topics([topics.agency(code) for code in network.agencies])

    return [save_network, create_agency_topics]
