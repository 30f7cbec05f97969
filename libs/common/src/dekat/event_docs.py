"""Events as the AsyncAPI documents describe them: the envelope with `data` typed per event type.

`Envelope` carries `data` as a dict (consumers read it as the payload of its `type`); for a reader
of the contract each event type is its own model, `<Payload>Event`, and a topic with several
types carries any of them (told apart by `type`).
"""

from __future__ import annotations

import functools
import re
from typing import Annotated, Any, Literal, Union, cast

from pydantic import BaseModel, Field, PlainValidator, RootModel, create_model

from dekat import contracts
from dekat.contracts import Channel
from dekat.events import Envelope


@functools.cache
def event_model(event_type: str) -> type[Envelope]:
    """The envelope of `event_type`, its `data` the event's payload model."""
    payload = contracts.PAYLOADS[event_type]
    typed: Any = Literal[event_type]
    return create_model(
        f"{payload.__name__}Event",
        __base__=Envelope,
        __doc__=f"`{event_type}`: {(payload.__doc__ or '').strip().splitlines()[0]}",
        type=(typed, ...),
        data=(payload, ...),
    )


def name_of(channel: Channel) -> str:
    """`agency.{agency_code}.requests.v1` → `AgencyRequestsEvent`: the name of what it carries."""
    if len(channel.events) == 1:
        return event_model(channel.events[0]).__name__
    words = [w for w in re.split(r"[.]", channel.topic) if not w.startswith("{") and w != "v1"]
    return "".join(w.title() for w in words) + "Event"


@functools.cache
def message_model(event_types: tuple[str, ...], name: str) -> type[BaseModel]:
    """A message carrying any of `event_types`: the event's own model, or one of several by `type`."""
    models = tuple(event_model(t) for t in event_types)
    if len(models) == 1:
        return models[0]
    union: Any = Annotated[Union[models], Field(discriminator="type")]  # noqa: UP007
    return cast(type[BaseModel], create_model(name, __base__=RootModel[union]))


def carried(channel: Channel) -> type[BaseModel]:
    """The model of what `channel` carries."""
    return message_model(channel.events, name_of(channel))


def as_they_come(body: Any) -> Any:
    return body


def subscriber_body(channel: Channel) -> Any:
    """The type of a subscriber's body: the bytes as they come (parsing is ours, so poison can be
    parked), documented (FastStream reads the model) as the events they carry."""
    return Annotated[carried(channel), PlainValidator(as_they_come)]
