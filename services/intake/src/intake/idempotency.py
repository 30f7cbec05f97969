"""`Idempotency-Key`: the same key and body get the same answer; the same key with another body, 409.

The key is locked, looked up, acted on and remembered in one transaction, so two concurrent
retries cannot both act, and an answer is remembered exactly when its effects committed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from dekat import error_body, retention
from dekat.db import Connection, Pool
from fastapi.encoders import jsonable_encoder

from intake import store

MAX_KEY_LENGTH = 200

EXPIRED = (
    "DELETE FROM idempotency_keys WHERE (scope, key) IN (SELECT scope, key FROM idempotency_keys"
    " WHERE created_at < now() - $1::interval ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED)"
)


@dataclass(frozen=True)
class Answer:
    status: int
    body: Any
    replayed: bool = False


Work = Callable[[Connection], Awaitable[Answer]]


def fingerprint(body: Any) -> str:
    """The same content gives the same fingerprint, however its JSON was spaced or ordered."""
    canonical = json.dumps(jsonable_encoder(body), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def conflict(key: str) -> Answer:
    message = "this Idempotency-Key was already used with a different body"
    return Answer(
        409, error_body.body(409, message, problems=[{"field": "Idempotency-Key", "message": message}])
    )


async def once(pool: Pool, scope: str, key: str | None, body: Any, work: Work) -> Answer:
    """Run `work` in a transaction, or replay what it answered before for this key and body."""
    async with pool.acquire() as conn, conn.transaction():
        if key is None:
            return await work(conn)
        seen = await store.remembered(conn, scope, key)
        if seen is not None:
            same = seen["fingerprint"] == fingerprint(body)
            return Answer(seen["status"], seen["body"], replayed=True) if same else conflict(key)
        answer = await work(conn)
        if answer.status < 400:
            encoded = jsonable_encoder(answer.body)
            await store.remember(conn, scope, key, fingerprint(body), answer.status, encoded)
        return answer


def expiry(keep_hours: float) -> retention.Purge:
    """Keys older than this are forgotten: a retry with one after that makes a new request."""
    return retention.Purge("idempotency_keys", EXPIRED, timedelta(hours=keep_hours))
