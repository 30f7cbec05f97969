"""GeoReport v2 documents in JSON or XML, chosen by the resource's extension (pure)."""

from __future__ import annotations

import json
from typing import Any, Literal
from xml.etree import ElementTree as ET

from fastapi.responses import Response

Format = Literal["json", "xml"]
FORMATS: dict[str, str] = {"json": "application/json", "xml": "text/xml"}

ITEM = {
    "services": "service",
    "service_requests": "request",
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
    "errors": "error",
}
"""The element each list's entries are wrapped in, as the spec's XML examples show."""


class Open311Error(Exception):
    """Answered as the spec's error list: `[{"code": 400, "description": "..."}]`."""

    def __init__(self, status: int, description: str, fmt: Format = "json") -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.fmt = fmt


def text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def element(tag: str, value: Any) -> ET.Element:
    node = ET.Element(tag)
    if isinstance(value, dict):
        node.extend(element(k, v) for k, v in value.items())
    elif isinstance(value, list):
        node.extend(element(ITEM.get(tag, "item"), v) for v in value)
    else:
        node.text = text(value)
    return node


def xml(root: str, document: Any) -> bytes:
    tree = element(root, document)
    body: bytes = ET.tostring(tree, encoding="utf-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + body


def render(fmt: Format, root: str, document: Any, status: int = 200) -> Response:
    """`root` names the XML document element; JSON carries the document itself."""
    if fmt == "xml":
        return Response(xml(root, document), status_code=status, media_type="text/xml; charset=utf-8")
    body = json.dumps(document, ensure_ascii=False).encode()
    return Response(body, status_code=status, media_type="application/json; charset=utf-8")


def errors(fmt: Format, status: int, description: str) -> Response:
    return render(fmt, "errors", [{"code": status, "description": description}], status)


def format_of(path: str) -> Format:
    """The format a path asks for (`….xml` or `….json`); JSON when it names neither."""
    return "xml" if path.endswith(".xml") else "json"
