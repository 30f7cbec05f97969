"""Each service's AsyncAPI document, from FastStream's generator, served beside its OpenAPI.

Subscribers are documented by the type of their body (`dekat.event_docs.subscriber_body`: the
bytes as they come, shown as the events they carry); what a service produces through its outbox
is declared as publishers that never publish (`declare`). FastStream's document is then completed
(`dekat.asyncapi_details`) with what it does not say itself: the key, the headers, the DLQ headers,
an example of every event, and the contract's topic names.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from typing import Any

import yaml
from fastapi import FastAPI
from fastapi.responses import HTMLResponse, JSONResponse, Response
from faststream.kafka import KafkaBroker
from faststream.specification import AsyncAPI
from faststream.specification.asyncapi.site import get_asyncapi_html

from dekat import asyncapi_details, contracts, event_docs, topics
from dekat.contracts import Channel

ABOUT = (
    "Every message is a JSON envelope (`id`, `type`, `version`, `source`, `time`, `subject`,"
    " `correlation_id`, `causation_id`, `data`); `type` says what `data` holds. Changes to `data` are"
    " additive: ignore fields and event types you do not know. A breaking change is a new topic version."
    " How to connect as an agency: docs/agencies.md."
)


def declare(broker: KafkaBroker, produced: list[str]) -> None:
    """Document what the service produces (through its outbox relay, never these publishers);
    a topic already declared on `broker` is declared once."""
    declared: set[str] = broker.__dict__.setdefault("_dekat_declared", set())
    for topic in produced:
        if topic in declared:
            continue
        declared.add(topic)
        channel = contracts.channel_of(topic)
        schema = event_docs.carried(channel)
        broker.publisher(topic, title=topic, description=described(channel, topic), schema=schema)


def declare_dlq(broker: KafkaBroker, topic: str) -> None:
    """Document the DLQ a consumer of `topic` (a name or template) parks poison in."""
    declare(broker, [topics.dlq(topic)])


@dataclass(frozen=True)
class Consumer:
    """How a subscriber is documented: its body's type, and `broker.subscriber` options."""

    body: Any = Any
    """Whatever comes: a batch subscriber's body is a list."""
    options: dict[str, Any] = field(default_factory=lambda: {"include_in_schema": False})


def documented_consumer(broker: KafkaBroker, topic: str, *, pattern: bool) -> Consumer:
    """A consumer of `topic` (a name, or for `pattern` a regular expression over names), and the
    DLQ it parks poison in (declared on `broker`); a topic outside the contract is not documented."""
    channel = contracts.of_pattern(topic) if pattern else contracts.find(topic)
    if channel is None:
        return Consumer()
    name = channel.topic if pattern else topic
    declare_dlq(broker, name)
    return Consumer(
        event_docs.subscriber_body(channel), {"title": name, "description": described(channel, name)}
    )


def described(channel: Channel, topic: str) -> str:
    if topic.endswith(".dlq"):
        return (
            f"Messages from `{channel.topic}` that could never be processed, copied as they came (key,"
            " value and headers) with why and where from in the `x-` headers, so the partition flows on."
        )
    who = f"Produced by {channel.producer}, read by {channel.consumers}"
    return f"{channel.summary}\n\n{who}; key: {channel.key}."


def document(broker: KafkaBroker, *, service: str, version: str) -> dict[str, Any]:
    """The service's AsyncAPI 3.0 document, as a JSON-able dict."""
    spec = AsyncAPI(broker, title=f"Dekat {service}", version=version, description=ABOUT)
    return asyncapi_details.completed(spec.to_specification().to_jsonable())


class Shown:
    """What FastStream's page renderer reads of a document."""

    def __init__(self, found: dict[str, Any]) -> None:
        self.found, self.title = found, found["info"]["title"]

    def to_json(self) -> str:
        return json.dumps(self.found)


def install(app: FastAPI, broker: KafkaBroker, *, service: str, version: str = "1") -> None:
    """`/asyncapi` (the page), `/asyncapi.json` and `/asyncapi.yaml`."""

    @functools.cache
    def current() -> dict[str, Any]:
        return document(broker, service=service, version=version)

    @app.get("/asyncapi", include_in_schema=False)
    async def page() -> HTMLResponse:
        return HTMLResponse(get_asyncapi_html(Shown(current()), try_it_out_path=None))  # type: ignore[arg-type]

    @app.get("/asyncapi.json", include_in_schema=False)
    async def as_json() -> JSONResponse:
        return JSONResponse(current())

    @app.get("/asyncapi.yaml", include_in_schema=False)
    async def as_yaml() -> Response:
        return Response(
            yaml.safe_dump(current(), sort_keys=False, allow_unicode=True), media_type="application/yaml"
        )
