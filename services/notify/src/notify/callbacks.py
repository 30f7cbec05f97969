"""Provider callbacks: delivery receipts and citizens' replies (a "STOP" opts out of SMS).

Every callback must carry a valid signature (see `callback_signatures`); anything unsigned, wrongly
signed, stale or malformed gets a 4xx and changes nothing. The body is read raw (the signature covers
its bytes), so the OpenAPI document describes it by hand, and the header as the `CallbackSignature`
scheme.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, TypeVar
from uuid import UUID

from dekat.errors import invalid, problems_of, refusal
from dekat.openapi import errors
from dekat.service import Pool
from fastapi import APIRouter, Request, Response, Security
from fastapi.responses import JSONResponse
from fastapi.security import APIKeyHeader
from pydantic import BaseModel, ValidationError

from notify import callback_signatures, deliveries, dispatch, notifications, store
from notify.api import web_of
from notify.failures import Failure

Signature = Annotated[
    str | None,
    Security(
        APIKeyHeader(
            name=callback_signatures.HEADER,
            scheme_name="CallbackSignature",
            description='`t=<unix time>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` with the callback secret',
            auto_error=False,
        )
    ),
]
router = APIRouter(prefix="/v1/callbacks", tags=["provider callbacks"], responses=errors(401, 422))

M = TypeVar("M", bound=BaseModel)

STOP_WORDS = {"STOP", "BERHENTI", "UNSUBSCRIBE"}


class Receipt(BaseModel):
    reference: UUID
    """The notification id we sent as the idempotency key."""
    message_id: str | None = None
    status: Literal["delivered", "failed"]
    error: str | None = None


class Inbound(BaseModel):
    channel: Literal["sms", "whatsapp"] = "sms"
    sender: str
    text: str


def body_of(model: type[BaseModel]) -> dict[str, Any]:
    """The request body as the OpenAPI document shows it (the handler reads it raw)."""
    schema = model.model_json_schema()
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": schema}}}}


async def signed(request: Request, model: type[M]) -> M | JSONResponse:
    """The provider's body as `model`, only when its signature holds: else the 4xx to answer."""
    body = await request.body()
    web = web_of(request)
    header = request.headers.get(callback_signatures.HEADER)
    if not callback_signatures.verify(header, body, secret=web.callback_secret, now=web.wall()):
        return refusal(401, "missing, stale or wrong signature", field=callback_signatures.HEADER)
    try:
        return model.model_validate_json(body)
    except ValidationError as error:
        return invalid(problems_of(error))


@router.post("/receipts", status_code=204, openapi_extra=body_of(Receipt), responses=errors(404))
async def receipt(request: Request, pool: Pool, _: Signature = None) -> Response:
    """A provider says whether a message reached the citizen."""
    r = await signed(request, Receipt)
    if isinstance(r, Response):
        return r
    now = web_of(request).clock()
    async with pool.acquire() as conn, conn.transaction():
        found = await deliveries.notification(conn, r.reference)
        if found is None:
            return refusal(404, "no such notification", field="reference")
        n, state = found
        moved_to = notifications.after_receipt(state, r.status == "delivered")
        if moved_to is None:
            return Response(status_code=204)
        failure: Failure | None = "undelivered" if moved_to == "failed" else None
        await deliveries.set_state(
            conn, n.id, moved_to, now=now, error=r.error and r.error[:200], failure=failure
        )
        if moved_to == "failed":
            await dispatch.fail_over(conn, n.id, now=now)
    web_of(request).measures.moved(n.channel, moved_to)
    return Response(status_code=204)


@router.post("/inbound", status_code=204, openapi_extra=body_of(Inbound))
async def inbound(request: Request, pool: Pool, _: Signature = None) -> Response:
    """A citizen's reply through a provider; `STOP` (or `BERHENTI`) opts the sender out of that channel."""
    message = await signed(request, Inbound)
    if isinstance(message, Response):
        return message
    if message.text.strip().upper() in STOP_WORDS:
        async with pool.acquire() as conn:
            await store.opt_out(conn, message.channel, message.sender)
    return Response(status_code=204)
