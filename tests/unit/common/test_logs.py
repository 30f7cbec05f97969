"""Every log line is one JSON object carrying the ids of the work in hand."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest
from dekat import logs


@pytest.fixture
def lines() -> Iterator[io.StringIO]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logs.JsonFormatter("routing"))
    logger = logging.getLogger("test.logs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    yield stream
    logger.removeHandler(handler)


def parsed(stream: io.StringIO) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def test_a_line_carries_the_ids_bound_around_the_work(lines: io.StringIO) -> None:
    with logs.bound(request_id="r-1", correlation_id="c-1"):
        logging.getLogger("test.logs").info("event handled", extra={"consumer": "routing.submitted"})
    logging.getLogger("test.logs").info("after")

    inside, after = parsed(lines)
    assert inside["request_id"] == "r-1"
    assert inside["correlation_id"] == "c-1"
    assert inside["consumer"] == "routing.submitted"
    assert inside["service"] == "routing"
    assert inside["message"] == "event handled"
    assert "request_id" not in after


def test_an_id_passed_in_extra_wins_over_the_bound_one_and_none_is_left_out(lines: io.StringIO) -> None:
    with logs.bound(request_id="outer", correlation_id=None):
        logging.getLogger("test.logs").info("inner", extra={"request_id": "inner"})

    (line,) = parsed(lines)
    assert line["request_id"] == "inner"
    assert "correlation_id" not in line


def test_an_exception_stays_inside_its_json_line(lines: io.StringIO) -> None:
    try:
        raise ValueError("boom\nsecond line")
    except ValueError:
        logging.getLogger("test.logs").exception("failed")

    (line,) = parsed(lines)
    assert "ValueError: boom" in line["error"]


def test_faststream_and_uvicorn_lose_their_own_handlers_and_log_through_ours() -> None:
    faststream = logging.getLogger("faststream")
    root = logging.getLogger()
    saved_root, saved_level = root.handlers[:], root.level
    try:
        logs.configure("notify")
        assert faststream.handlers == []
        assert faststream.propagate
        assert isinstance(root.handlers[0].formatter, logs.JsonFormatter)
    finally:
        root.handlers[:] = saved_root
        root.setLevel(saved_level)
