"""One JSON line per log record, carrying the request and correlation ids of the work in hand.

Ids come from two places: `extra={...}` on the call, and `bound(...)` around a piece of work
(an HTTP request, a consumed event), so every line logged inside it carries them too. Contact
details never go into either.
"""

from __future__ import annotations

import contextlib
import json
import logging
import sys
from collections.abc import Iterator
from contextvars import ContextVar
from datetime import UTC, datetime

CONTEXT_FIELDS = (
    "request_id",
    "correlation_id",
    "event_id",
    "event_type",
    "consumer",
    "topic",
    "group_id",
    "message_id",
    "agency",
    "channel",
    "method",
    "route",
    "status",
    "duration_ms",
    "count",
)

_bound: ContextVar[tuple[tuple[str, str], ...]] = ContextVar("dekat_log_context", default=())

FOREIGN_LOGGERS = ("faststream", "uvicorn", "uvicorn.error", "uvicorn.access")
"""Loggers that bring their own (coloured, plain-text) handlers: routed through ours instead."""


@contextlib.contextmanager
def bound(**fields: object) -> Iterator[None]:
    """Every line logged inside carries `fields` (None values are left out)."""
    merged = {**dict(_bound.get()), **{k: str(v) for k, v in fields.items() if v is not None}}
    token = _bound.set(tuple(merged.items()))
    try:
        yield
    finally:
        _bound.reset(token)


class JsonFormatter(logging.Formatter):
    def __init__(self, service: str) -> None:
        super().__init__()
        self._service = service

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname.lower(),
            "service": self._service,
            "logger": record.name,
            "message": record.getMessage(),
            **dict(_bound.get()),
        }
        line.update({k: str(v) for k in CONTEXT_FIELDS if (v := getattr(record, k, "")) not in ("", None)})
        if record.exc_info:
            line["error"] = self.formatException(record.exc_info)
        return json.dumps(line)


def configure(service: str, level: str = "INFO") -> None:
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(JsonFormatter(service))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for name in FOREIGN_LOGGERS:
        foreign = logging.getLogger(name)
        foreign.handlers.clear()
        foreign.propagate = True
    logging.getLogger("aiokafka").setLevel("WARNING")
    logging.getLogger("uvicorn.access").setLevel("WARNING")  # dekat.http logs each request, by route
