"""Operators' endpoints need the operator key in `X-API-Key` (setting `DEKAT_OPERATOR_API_KEY`)."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, HTTPException, Request, Security
from fastapi.security import APIKeyHeader

HEADER = "X-API-Key"
operator_key = APIKeyHeader(
    name=HEADER, auto_error=False, scheme_name="operator key", description="The operator API key"
)


def denied(error: str, message: str) -> dict[str, str]:
    return {"error": error, "field": HEADER, "message": message}


def operator(request: Request, key: Annotated[str | None, Security(operator_key)]) -> None:
    """401 without a key, 403 with another one."""
    if not key:
        raise HTTPException(
            401, detail=denied("unauthorized", "the operator API key is required in X-API-Key")
        )
    expected: str = request.app.state.operator_api_key
    if not hmac.compare_digest(key.encode(), expected.encode()):
        raise HTTPException(403, detail=denied("forbidden", "this is not the operator API key"))


Operator = Depends(operator)
