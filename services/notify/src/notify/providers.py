"""SMS and WhatsApp through an HTTP provider: `POST <url>/v1/messages` with an `Idempotency-Key`.

The key is the notification id: asking twice (a retry after a crash or a lost answer) gets the
first answer back, and the citizen gets one message. 5xx, 429 and network errors are temporary;
any other 4xx is permanent. Receipts come back to `callback_url`, signed (see `callback_signatures`).
"""

from __future__ import annotations

import httpx

from notify.channels import Outgoing, PermanentFailure, Send, TemporaryFailure


def http(url: str, *, callback_url: str, timeout: float = 10.0) -> Send:
    """One client (and its connection pool) per provider, made on first use inside the event loop."""
    clients: list[httpx.AsyncClient] = []

    async def send(message: Outgoing) -> str | None:
        if not clients:
            clients.append(httpx.AsyncClient(base_url=url, timeout=timeout))
        body = {
            "channel": message.channel,
            "to": message.to,
            "body": message.body,
            "reference": str(message.id),
            "status_callback": callback_url,
        }
        try:
            response = await clients[0].post(
                "/v1/messages", json=body, headers={"Idempotency-Key": str(message.id)}
            )
        except httpx.HTTPError as error:
            raise TemporaryFailure(type(error).__name__) from None
        return accepted(response)

    return send


def accepted(response: httpx.Response) -> str | None:
    """The provider's message id; raises how the provider said no."""
    if response.status_code >= 500 or response.status_code == 429:
        raise TemporaryFailure(f"provider answered {response.status_code}")
    if response.status_code >= 400:
        raise PermanentFailure(f"provider answered {response.status_code}: {reason(response)}")
    try:
        return str(response.json()["id"])
    except (ValueError, KeyError, TypeError):
        raise TemporaryFailure("provider answered without a message id") from None


def reason(response: httpx.Response) -> str:
    """The provider's error code, never its echo of the message or the number."""
    try:
        return str(response.json().get("error", ""))[:100]
    except (ValueError, AttributeError):
        return ""


def in_turn(sends: list[Send]) -> Send:
    """Each provider in turn while they refuse for good; a temporary failure is retried later.

    Only a permanent refusal moves on: it means that provider sent nothing, so the next one
    cannot make a second message. When every provider refuses, the channel has failed for good.
    """

    async def send(message: Outgoing) -> str | None:
        refusals: list[str] = []
        for provider in sends:
            try:
                return await provider(message)
            except PermanentFailure as error:
                refusals.append(str(error))
        raise PermanentFailure("; ".join(refusals) or "no provider")

    return send
