"""What FastStream's AsyncAPI generator leaves out, added to its document (a JSON-able dict):
each message's content type, Kafka key, headers (and a DLQ's error headers) and examples, each
channel's contract name (a template for the per-agency topics, never a test namespace's prefix)."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import unquote

from dekat import contracts, event_examples
from dekat.contracts import Channel

HEADERS = {
    "content-type": {"type": "string", "const": "application/json"},
    "x-event-type": {"type": "string", "description": "The envelope's `type`, to filter without parsing"},
    "correlation_id": {"type": "string", "format": "uuid", "description": "The envelope's `correlation_id`"},
}
DLQ_HEADERS = {name: {"type": "string", "description": why} for name, why in contracts.DLQ_HEADERS.items()}
DEKAT = {"intake", "routing", "notify"}
"""Producers that always send the headers (an agency's client may not)."""


def completed(document: dict[str, Any]) -> dict[str, Any]:
    for name, channel in document.get("channels", {}).items():
        contract = contracts.channel_of(name)
        channel["address"] = name
        channel["bindings"]["kafka"]["topic"] = name
        if contract.parameters:
            channel["parameters"] = {
                p: {"description": "The agency's code, e.g. `pam-jaya`"} for p in contract.parameters
            }
        for reference in channel.get("messages", {}).values():
            message = document["components"]["messages"][unquote(reference["$ref"].rsplit("/", 1)[1])]
            message.update(details(contract, dlq=name.endswith(".dlq")))
    return document


def details(channel: Channel, *, dlq: bool) -> dict[str, Any]:
    """A message's content type, key, headers and one example of each event type it carries."""
    headers = {**HEADERS, **(DLQ_HEADERS if dlq else {})}
    required = [*(HEADERS if channel.producer in DEKAT else ()), *(DLQ_HEADERS if dlq else ())]
    key = {"type": "string", "description": channel.key}
    return {
        "contentType": "application/json",
        "headers": {"type": "object", "properties": headers, "required": required},
        "bindings": {"kafka": {"key": key, "bindingVersion": "0.5.0"}},
        "examples": [example(t, channel, dlq=dlq) for t in channel.events],
    }


def example(event_type: str, channel: Channel, *, dlq: bool) -> dict[str, Any]:
    event = event_examples.examples()[event_type]
    headers = {"content-type": "application/json", "x-event-type": event_type}
    parked = {
        "x-error": "invalid data: status_seq: Input should be a valid integer",
        "x-orig-topic": channel.sample(),
        "x-orig-partition": "3",
        "x-orig-offset": "1042",
        "x-consumer-group": "notify.status",
    }
    return {
        "name": event_type,
        "headers": {**headers, "correlation_id": str(event.correlation_id), **(parked if dlq else {})},
        "payload": json.loads(event.to_bytes()),
    }
