"""Following intake's erasure (`citizen.erased`, UU PDP 27/2022): the request's reporters keep
no name, address or link secret here, and its messages no recipient, subject, text or provider
error (which may quote an address). The delivery log keeps its facts: which change was told to
which reporter, on which channel, when, and how it ended. A message still waiting is given up
(`failed`, `erased`). The SQL runs in the handler's transaction."""

from __future__ import annotations

from datetime import datetime

from dekat.db import Connection

ANONYMISE_CONTACTS = (
    "UPDATE contacts SET name = NULL, email = NULL, phone = NULL, link_token = NULL WHERE request_id = $1"
)
GIVE_UP_WAITING = (
    "UPDATE notifications SET state = 'failed', failure = 'erased', failed_at = $2, lease_until = NULL"
    " WHERE request_id = $1 AND state IN ('created', 'sending')"
)
BLANK_MESSAGES = (
    "UPDATE notifications SET recipient = '', subject = '', body = '', drafts = '{}', last_error = NULL"
    " WHERE request_id = $1"
)


async def forget(conn: Connection, request_id: str, at: datetime) -> None:
    await conn.execute(
        "INSERT INTO erasures (request_id, erased_at) VALUES ($1, $2) ON CONFLICT DO NOTHING", request_id, at
    )
    await conn.execute(ANONYMISE_CONTACTS, request_id)
    await conn.execute(GIVE_UP_WAITING, request_id, at)
    await conn.execute(BLANK_MESSAGES, request_id)


async def erased(conn: Connection, request_id: str) -> bool:
    """intake erased this request's personal data (notify forgot it too)."""
    sql = "SELECT EXISTS (SELECT 1 FROM erasures WHERE request_id = $1)"
    found: bool = await conn.fetchval(sql, request_id)
    return found
