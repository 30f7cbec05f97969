"""Checking the answers to a service's questions against its definition (pure)."""

from __future__ import annotations

import math
from datetime import datetime

from intake.catalogue import Attribute, Service

Answers = dict[str, list[str]]
"""Attribute code → the values given (one, except for a multivaluelist)."""

MAX_LENGTH = {"string": 200, "text": 4000}


def problems_with(service: Service, answers: Answers) -> list[tuple[str, str]]:
    """(field, message) for every answer that does not fit the service definition."""
    asked = {a.code: a for a in service.attributes if a.variable}
    found = [
        (f"attributes.{code}", f"{service.code!r} asks no question {code!r}")
        for code, values in answers.items()
        if code not in asked and any(v.strip() for v in values)  # clients send blanks for unasked ones
    ]
    for code, question in asked.items():
        given = [v for v in answers.get(code, []) if v.strip()]
        if not given:
            if question.required:
                found.append((f"attributes.{code}", "required by this service"))
            continue
        found.extend((f"attributes.{code}", message) for message in wrong(question, given))
    return found


def wrong(question: Attribute, given: list[str]) -> list[str]:
    if question.datatype != "multivaluelist" and len(given) > 1:
        return ["takes a single value"]
    keys = {v.key for v in question.values}
    match question.datatype:
        case "singlevaluelist" | "multivaluelist":
            return [f"{v!r} is not one of {sorted(keys)}" for v in given if v not in keys]
        case "number":
            return [] if is_number(given[0]) else [f"{given[0]!r} is not a number"]
        case "datetime":
            return [] if is_datetime(given[0]) else [f"{given[0]!r} is not an ISO 8601 date and time"]
        case _:
            limit = MAX_LENGTH.get(question.datatype, 4000)
            return [] if len(given[0]) <= limit else [f"longer than {limit} characters"]


def is_number(text: str) -> bool:
    try:
        return math.isfinite(float(text))
    except ValueError:
        return False


def is_datetime(text: str) -> bool:
    try:
        datetime.fromisoformat(text)
    except ValueError:
        return False
    return True


def flattened(answers: Answers) -> dict[str, str]:
    """As routing receives them: a multivaluelist joined by commas."""
    return {code: ",".join(v for v in values if v.strip()) for code, values in answers.items()}
