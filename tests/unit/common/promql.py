"""The PromQL of `deploy/`: every expression of the alert and recording rules and the dashboards,
and the metric names an expression reads (a small tokenizer: enough for what we write)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

DEPLOY = Path(__file__).resolve().parents[3] / "deploy"
RULES = DEPLOY / "prometheus" / "rules.yml"
DASHBOARDS = sorted((DEPLOY / "grafana" / "dashboards").glob("*.json"))

KEYWORDS = {"and", "or", "unless", "bool", "offset", "inf", "nan", "atan2", "group_left", "group_right"}
_STRING = re.compile(r'"(?:\\.|[^"\\])*"|\'(?:\\.|[^\'\\])*\'')
_MATCHERS = re.compile(r"\{[^}]*\}")
_RANGES = re.compile(r"\[[^\]]*\]")
_GROUPING = re.compile(r"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")
_IDENTIFIER = re.compile(r"(?<![\w.$])[a-zA-Z_:][a-zA-Z0-9_:]*")
_LABEL_VALUES = re.compile(r"label_values\(\s*([a-zA-Z_:][a-zA-Z0-9_:]*)")


def metric_names(expr: str) -> set[str]:
    """The metric (and recorded series) names `expr` selects; functions, keywords, labels dropped."""
    if match := _LABEL_VALUES.match(expr.strip()):
        return {match.group(1)}
    bare = _STRING.sub('""', expr)
    bare = _GROUPING.sub("", _RANGES.sub("", _MATCHERS.sub("", bare)))
    names = set()
    for token in _IDENTIFIER.finditer(bare):
        calls_it = bare[token.end() :].lstrip().startswith("(")
        if not calls_it and token.group() not in KEYWORDS:
            names.add(token.group())
    return names


def rules() -> list[dict[str, Any]]:
    groups: list[dict[str, Any]] = yaml.safe_load(RULES.read_text())["groups"]
    return [rule for group in groups for rule in group["rules"]]


def recorded_names() -> set[str]:
    return {rule["record"] for rule in rules() if "record" in rule}


def alerts() -> list[dict[str, Any]]:
    return [rule for rule in rules() if "alert" in rule]


def dashboard(path: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(path.read_text())
    return loaded


def panels(board: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for panel in board["panels"]:
        yield panel
        yield from panel.get("panels", [])


def dashboard_expressions() -> dict[str, str]:
    """`<dashboard uid>/<panel title>/<refId>` → expression, template variable queries included."""
    found = {}
    for path in DASHBOARDS:
        board = dashboard(path)
        for panel in panels(board):
            for target in panel.get("targets", []):
                found[f"{board['uid']}/{panel['title']}/{target['refId']}"] = target["expr"]
        for variable in board["templating"]["list"]:
            if variable["type"] == "query":
                found[f"{board['uid']}/${variable['name']}"] = variable["query"]["query"]
    return found


def rule_expressions() -> dict[str, str]:
    return {rule.get("alert") or rule["record"]: rule["expr"] for rule in rules()}
