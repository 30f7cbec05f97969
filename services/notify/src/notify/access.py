"""Operators' endpoints need the operator key in `X-API-Key` (setting `DEKAT_OPERATOR_API_KEY`).

The OpenAPI document declares it as the `OperatorKey` scheme.
"""

from __future__ import annotations

import hmac
from typing import Annotated

from dekat.errors import refused
from fastapi import Depends, Request, Security
from fastapi.security import APIKeyHeader

HEADER = "X-API-Key"
operator_key = APIKeyHeader(
    name=HEADER, auto_error=False, scheme_name="OperatorKey", description="The operator API key"
)


def operator(request: Request, key: Annotated[str | None, Security(operator_key)]) -> None:
    """401 without a key, 403 with another one."""
    if not key:
        raise refused(401, "the operator API key is required in X-API-Key", field=HEADER)
    expected: str = request.app.state.operator_api_key
    if not hmac.compare_digest(key.encode(), expected.encode()):
        raise refused(403, "this is not the operator API key", field=HEADER)


Operator = Depends(operator)
