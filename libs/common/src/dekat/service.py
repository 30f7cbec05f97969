"""The shell every service shares: connect (and keep trying), migrate, consume, relay, serve.

A service process starts even when PostgreSQL or Kafka is down: it reports not-ready on
`/health/ready` and connects by itself once they answer.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import multiprocessing
import os
import re
import signal
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field, replace
from typing import Annotated, Any, Literal

from aiokafka import AIOKafkaProducer
from fastapi import Depends, FastAPI, HTTPException, Request, Response
from fastapi.responses import JSONResponse
from faststream.kafka import KafkaBroker
from faststream.kafka.prometheus import KafkaPrometheusMiddleware
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from pydantic import BaseModel

from dekat import (
    acls,
    asyncapi,
    contracts,
    db,
    errors,
    lag,
    logs,
    openapi,
    outbox,
    producer,
    topic_admin,
    topics,
)
from dekat.accounting import Accounting
from dekat.clients import Kafka
from dekat.db import Connection
from dekat.events import Envelope
from dekat.metrics import Metrics
from dekat.settings import CommonSettings
from dekat.subscriptions import Handler, Subscription, subscribe

log = logging.getLogger(__name__)

OnConnect = Callable[["Runtime"], Awaitable[None]]


def logged(subscription: Subscription) -> Subscription:
    """`subscription`, with every handler's log lines carrying the event's ids."""
    consumer, by_topic = subscription.group_id, subscription.by_topic

    def every(handlers: dict[str, Handler]) -> dict[str, Handler]:
        return {t: logged_handler(consumer, h) for t, h in handlers.items()}

    return replace(
        subscription,
        handlers=every(subscription.handlers),
        by_topic=None if by_topic is None else lambda topic: every(by_topic(topic)),
    )


def logged_handler(consumer: str, handler: Handler) -> Handler:
    """`handler`, with every line it logs carrying the event's ids, and one line when it is done."""

    async def handle(conn: Connection, event: Envelope) -> None:
        with logs.bound(
            request_id=event.subject,
            correlation_id=event.correlation_id,
            event_id=event.id,
            event_type=event.type,
            consumer=consumer,
        ):
            await handler(conn, event)
            log.info("event handled")

    return handle


def create_broker(settings: CommonSettings, metrics: Metrics) -> KafkaBroker:
    kafka = Kafka.of(settings)
    return KafkaBroker(
        kafka.bootstrap,
        security=kafka.security(),
        client_id=settings.service,
        enable_idempotence=True,  # forces acks=all
        allow_auto_create_topics=False,  # topics are created up front, with their partition counts
        request_timeout_ms=10_000,
        metadata_max_age_ms=30_000,  # a pattern subscription sees a new agency's topic within 30 s
        middlewares=[KafkaPrometheusMiddleware(registry=metrics.registry, app_name=settings.service)],
        graceful_timeout=10.0,
        logger=logging.getLogger("faststream.kafka"),  # through the JSON log handler
        log_level=logging.DEBUG,  # its "Received"/"Processed" per message: "event handled" is ours
    )


def create_producer(settings: CommonSettings) -> AIOKafkaProducer:
    """The outbox relay's producer (`dekat.producer`): idempotent, so acks=all."""
    return AIOKafkaProducer(
        **Kafka.of(settings).aiokafka(),
        client_id=f"{settings.service}-outbox",
        enable_idempotence=True,
        request_timeout_ms=10_000,
    )


@dataclass
class Runtime:
    """Everything a running service holds; built once by `main.create_app()`."""

    settings: CommonSettings
    metrics: Metrics
    broker: KafkaBroker
    migrations: list[str]
    subscriptions: list[Subscription] = field(default_factory=list)
    on_connect: list[OnConnect] = field(default_factory=list)
    background: list[Callable[[Runtime], Awaitable[None]]] = field(default_factory=list)
    _pool: db.Pool | None = None
    _tasks: list[asyncio.Task[None]] = field(default_factory=list)
    relay: outbox.Relay | None = None
    _producer: producer.Producer | None = None

    def __post_init__(self) -> None:
        asyncapi.declare(self.broker, contracts.produced_by(self.settings.service))
        for subscription in self.subscriptions:
            subscribe(
                self.broker,
                logged(subscription),
                pool=lambda: self.pool,
                metrics=self.metrics,
                namespace=self.settings.namespace,
                workers=1 if subscription.by_topic else self.settings.consumer_workers,
            )

    @property
    def pool(self) -> db.Pool:
        if self._pool is None:
            refused = errors.refused(503, "the service is still connecting to its database")
            raise HTTPException(503, detail=refused.detail, headers=errors.retry_after())
        return self._pool

    async def start(self) -> None:
        log.info("starting with %s", json.dumps(self.settings.shown()))
        self._tasks.append(asyncio.create_task(self._connect_forever(), name="connect"))

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        await self.broker.stop()
        if self._producer is not None:
            await self._producer.stop()
        if self._pool is not None:
            await self._pool.close()

    async def _connect_forever(self) -> None:
        delay = 0.5
        while True:
            try:
                await self._connect()
                log.info("connected to PostgreSQL and Kafka")
                return
            except db.MigrationChanged as error:  # no retry can mend it: stop, saying why
                log.critical("refusing to start: %s", error)
                stop_the_server()
                return
            except Exception as error:
                log.warning("not connected yet, retrying in %.1fs: %r", delay, error)
                await asyncio.sleep(delay)
                delay = min(delay * 2, self.settings.reconnect_max_seconds)

    async def _connect(self) -> None:
        if self._pool is None:
            pool = await db.create_pool(self.settings.database_url)
            try:
                await db.migrate(pool, self.migrations)
            except Exception:
                await pool.close()
                raise
            self._pool = pool
        await self.ensure_topics(self.own_topics())
        for hook in self.on_connect:
            await hook(self)
        try:
            await self.broker.start()
        except Exception:
            await self.broker.stop()
            raise
        self._producer = producer.Producer(lambda: create_producer(self.settings), self.settings.namespace)
        self.relay = outbox.Relay(
            self.settings.database_url,
            self._producer.send,
            poll_seconds=self.settings.outbox_poll_seconds,
            batch_size=self.settings.outbox_batch_size,
            on_published=self._published,
            reset=self._producer.reset,
        )
        self._spawn(self.relay.run(), "outbox-relay")
        self._spawn(self._watch(), "gauges")
        self._spawn(lag.watch(self.kafka, self.groups(), self.metrics.consumer_lag), "lag")
        for job in self.background:
            self._spawn(job(self), getattr(job, "__name__", "job"))

    @property
    def kafka(self) -> Kafka:
        return Kafka.of(self.settings)

    def own_topics(self) -> list[str]:
        """What this service may create (`dekat.acls`): what it reads, with their DLQs, and writes."""
        consumed = topics.with_dlqs([s.topic for s in self.subscriptions if s.by_topic is None])
        return list(dict.fromkeys([*acls.SERVICES[self.settings.service].topics(), *consumed]))

    async def ensure_topics(self, names: list[str]) -> None:
        """Create (in this runtime's namespace) whichever of `names` do not exist yet."""
        namespace = self.settings.namespace
        await topic_admin.ensure_topics(self.kafka, [namespace + name for name in names])

    def groups(self) -> dict[str, list[str]]:
        """Consumer group → the topics it reads, as named on the broker (with the namespace)."""
        groups: dict[str, list[str]] = {}
        for subscription in self.subscriptions:
            group = groups.setdefault(self.settings.namespace + subscription.group_id, [])
            if subscription.by_topic is None:
                group.append(self.settings.namespace + subscription.topic)
            else:
                group.append(f"^{re.escape(self.settings.namespace)}{subscription.topic}$")
        return groups

    def _published(self, count: int) -> None:
        self.metrics.outbox_published.inc(count)
        log.info("outbox published a batch", extra={"count": count})

    def _spawn(self, work: Awaitable[None], name: str) -> None:
        async def run() -> None:
            await work

        self._tasks.append(asyncio.create_task(run(), name=name))

    async def _watch(self) -> None:
        """Keep the gauges current even when nobody is asking: outbox backlog and readiness."""
        while True:
            with contextlib.suppress(Exception):
                await self.readiness()
                async with self.pool.acquire() as conn:
                    pending, age = await outbox.pending_stats(conn)
                self.metrics.outbox_pending.set(pending)
                self.metrics.outbox_oldest_age.set(age)
            await asyncio.sleep(5)

    async def readiness(self) -> dict[str, bool]:
        checks = {"database": False, "kafka": False}
        if self._pool is not None:
            with contextlib.suppress(Exception):
                async with asyncio.timeout(2):
                    checks["database"] = await self._pool.fetchval("SELECT 1") == 1
        with contextlib.suppress(Exception):  # connected: consuming, and the relay publishing
            checks["kafka"] = self.relay is not None and await self.broker.ping(timeout=2)
        self.metrics.ready.set(1 if all(checks.values()) else 0)
        return checks


def stop_the_server() -> None:
    """Shut the server down gracefully: this process, or with several HTTP workers the supervisor
    that would otherwise start the worker again."""
    os.kill(os.getppid() if multiprocessing.parent_process() else os.getpid(), signal.SIGTERM)


def runtime_of(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


def pool_of(request: Request) -> db.Pool:
    return runtime_of(request).pool


async def pooled(request: Request) -> db.Pool:
    """`pool_of` as a dependency, `async` so that FastAPI calls it on the event loop: a plain `def`
    dependency runs in its thread pool, a thread hand-off per request (this one is on every one)."""
    return pool_of(request)


Pool = Annotated[db.Pool, Depends(pooled)]


class Liveness(BaseModel):
    status: Literal["live"]


class Readiness(BaseModel):
    ready: bool
    checks: dict[str, bool]
    """`database` and `kafka`: whether each answered just now."""


NOT_READY: dict[int | str, dict[str, Any]] = {
    503: {"model": Readiness, "description": "Not ready: PostgreSQL or Kafka does not answer yet"}
}


def create_app(runtime: Runtime, *, title: str, description: str = "") -> FastAPI:
    """A FastAPI app that runs `runtime` in its lifespan and serves metrics and probes."""

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await runtime.start()
        yield
        await runtime.stop()

    app = FastAPI(title=title, description=description, lifespan=lifespan)
    app.state.runtime = runtime
    errors.install(app)
    openapi.install(app)
    asyncapi.install(app, runtime.broker, service=runtime.settings.service)

    @app.get("/metrics", include_in_schema=False)
    async def scrape() -> Response:
        return Response(generate_latest(runtime.metrics.registry), media_type=CONTENT_TYPE_LATEST)

    @app.get("/health/live", tags=["health"], response_model=Liveness)
    async def live() -> dict[str, str]:
        return {"status": "live"}

    @app.get("/health/ready", tags=["health"], response_model=Readiness, responses=NOT_READY)
    async def ready() -> Response:
        checks = await runtime.readiness()
        status = 200 if all(checks.values()) else 503
        return JSONResponse({"ready": status == 200, "checks": checks}, status_code=status)

    app.add_middleware(Accounting, metrics=runtime.metrics)
    return app
