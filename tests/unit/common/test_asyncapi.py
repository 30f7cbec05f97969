"""The AsyncAPI documents the services serve describe every topic of the contract, truly.

Each service's app is built (nothing connects until it starts) and asked for `/asyncapi.json`.
"""

from __future__ import annotations

import functools
from typing import Any

import jsonschema
import pytest
from dekat import contracts, event_examples, payloads, topics
from fastapi import FastAPI
from fastapi.testclient import TestClient

AGENCY = "{agency_code}"
EVERY_TOPIC = [
    *topics.with_dlqs(list(topics.REQUEST_TOPICS)),
    topics.agency(AGENCY),
    *topics.with_dlqs([topics.agency_responses(AGENCY)]),
]
"""Every topic of `dekat.topics`: the request topics and their DLQs, and each agency's two (with
the DLQ routing parks what it cannot process from an agency in), as templates."""


@functools.cache
def documents() -> dict[str, dict[str, Any]]:
    from intake.main import create_app as intake
    from notify.main import create_app as notify
    from routing.main import create_app as routing

    apps: dict[str, FastAPI] = {"intake": intake(), "routing": routing(), "notify": notify()}
    return {name: TestClient(app).get("/asyncapi.json").json() for name, app in apps.items()}


def channels() -> dict[str, tuple[dict[str, Any], dict[str, Any]]]:
    """Topic → (the document describing it, its channel there), over every service's document."""
    return {name: (d, c) for d in documents().values() for name, c in d["channels"].items()}


def messages(document: dict[str, Any], channel: dict[str, Any]) -> list[dict[str, Any]]:
    found = document["components"]["messages"]
    names = [
        ref["$ref"].rsplit("/", 1)[1].replace("%7B", "{").replace("%7D", "}")
        for ref in channel["messages"].values()
    ]
    return [found[name] for name in names]


def validator(document: dict[str, Any], schema: dict[str, Any]) -> jsonschema.Draft202012Validator:
    """`schema`, its `$ref`s resolved in the document it comes from."""
    return jsonschema.Draft202012Validator({**schema, "components": document["components"]})


@pytest.mark.parametrize("topic", EVERY_TOPIC)
def test_every_topic_is_in_a_document_with_its_payload_schema_key_and_headers(topic: str) -> None:
    document, channel = channels()[topic]
    assert channel["address"] == topic
    for message in messages(document, channel):
        assert message["payload"]["$ref"].startswith("#/components/schemas/")
        assert message["bindings"]["kafka"]["key"]["description"]
        assert {"content-type", "x-event-type", "correlation_id"} <= message["headers"]["properties"].keys()
        if topic.endswith(".dlq"):
            assert {"x-error", "x-orig-topic", "x-orig-partition", "x-orig-offset"} <= set(
                message["headers"]["required"]
            )


@pytest.mark.parametrize("event_type", list(contracts.PAYLOADS))
def test_an_example_of_every_event_validates_against_every_schema_that_carries_it(event_type: str) -> None:
    example = event_examples.examples()[event_type]
    carrying = [
        (d, c) for name, (d, c) in channels().items() if event_type in contracts.channel_of(name).events
    ]
    assert carrying
    for document, channel in carrying:
        for message in messages(document, channel):
            validator(document, message["payload"]).validate(example.model_dump(mode="json"))
            for shown in message["examples"]:
                validator(document, message["payload"]).validate(shown["payload"])
                validator(document, message["headers"]).validate(shown["headers"])


def test_a_wrong_event_does_not_validate() -> None:
    """The schemas hold something: a status event without its sequence number is refused."""
    document, channel = channels()[topics.REQUESTS_STATUS]
    event = event_examples.examples()[payloads.STATUS_CHANGED].model_dump(mode="json")
    wrong = {**event, "data": {k: v for k, v in event["data"].items() if k != "status_seq"}}
    assert not validator(document, messages(document, channel)[0]["payload"]).is_valid(wrong)


def test_an_agency_topic_carries_every_agency_event_type() -> None:
    document, channel = channels()[topics.agency(AGENCY)]
    [message] = messages(document, channel)
    assert [e["name"] for e in message["examples"]] == list(payloads.AGENCY_EVENT_TYPES)
    for example in message["examples"]:
        validator(document, message["payload"]).validate(example["payload"])


def test_every_event_type_has_a_payload_model_and_an_example() -> None:
    declared = {v for k, v in vars(payloads).items() if k.isupper() and isinstance(v, str) and "." in v}
    assert declared == set(contracts.PAYLOADS) == set(event_examples.DATA)
