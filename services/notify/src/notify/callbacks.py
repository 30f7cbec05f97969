"""Provider callbacks: delivery receipts and citizens' replies (a "STOP" opts out of SMS).

Every callback must carry a valid signature (see `receipts`); anything unsigned, wrongly signed,
stale or malformed gets a 4xx and changes nothing.
"""

from __future__ import annotations

from typing import Literal, TypeVar
from uuid import UUID

from dekat.errors import invalid, problem, problems_of
from dekat.service import Pool
from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ValidationError

from notify import deliveries, dispatch, notifications, receipts, store
from notify.api import web_of
from notify.failures import Failure

router = APIRouter(prefix="/v1/callbacks", tags=["provider callbacks"])

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


async def signed(request: Request, model: type[M]) -> M | JSONResponse:
    """The provider's body as `model`, only when its signature holds: else the 4xx to answer."""
    body = await request.body()
    web = web_of(request)
    header = request.headers.get(receipts.HEADER)
    if not receipts.verify(header, body, secret=web.callback_secret, now=web.wall()):
        return invalid([problem(receipts.HEADER, "missing, stale or wrong signature")], status=401)
    try:
        return model.model_validate_json(body)
    except ValidationError as error:
        return invalid(problems_of(error))


@router.post("/receipts", status_code=204)
async def receipt(request: Request, pool: Pool) -> Response:
    r = await signed(request, Receipt)
    if isinstance(r, Response):
        return r
    now = web_of(request).clock()
    async with pool.acquire() as conn, conn.transaction():
        found = await deliveries.notification(conn, r.reference)
        if found is None:
            return invalid([problem("reference", "no such notification")], status=404)
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


@router.post("/inbound", status_code=204)
async def inbound(request: Request, pool: Pool) -> Response:
    message = await signed(request, Inbound)
    if isinstance(message, Response):
        return message
    if message.text.strip().upper() in STOP_WORDS:
        async with pool.acquire() as conn:
            await store.opt_out(conn, message.channel, message.sender)
    return Response(status_code=204)
