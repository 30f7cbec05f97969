"""Accounts, sessions and failed sign-ins in the service's tables. `conn` first; callers own the
transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from dekat.db import Connection

Role = Literal["staff", "admin"]
ROLES: tuple[Role, ...] = ("staff", "admin")
COLUMNS = "username, office, name, role, created_at, created_by, disabled_at, last_sign_in_at"


@dataclass(frozen=True)
class Account:
    username: str
    office: str
    """The agency (routing) or counter (intake) this person works at."""
    name: str
    role: Role
    created_at: datetime
    created_by: str | None = None
    disabled_at: datetime | None = None
    last_sign_in_at: datetime | None = None

    @property
    def active(self) -> bool:
        return self.disabled_at is None


async def create(conn: Connection, account: Account, password_hash: str, now: datetime) -> bool:
    """False if the username is taken (by anyone, in any office)."""
    status: str = await conn.execute(
        "INSERT INTO staff (username, office, name, role, password_hash, created_at, created_by,"
        " password_changed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $6) ON CONFLICT DO NOTHING",
        account.username,
        account.office,
        account.name,
        account.role,
        password_hash,
        now,
        account.created_by,
    )
    return status == "INSERT 0 1"


async def find(conn: Connection, username: str) -> Account | None:
    row = await conn.fetchrow(f"SELECT {COLUMNS} FROM staff WHERE username = $1", username)
    return None if row is None else Account(**dict(row))


async def password_hash(conn: Connection, username: str) -> str | None:
    found: str | None = await conn.fetchval(
        "SELECT password_hash FROM staff WHERE username = $1 AND disabled_at IS NULL", username
    )
    return found


async def of_office(conn: Connection, office: str) -> list[Account]:
    rows = await conn.fetch(f"SELECT {COLUMNS} FROM staff WHERE office = $1 ORDER BY username", office)
    return [Account(**dict(r)) for r in rows]


async def names(conn: Connection, usernames: set[str]) -> dict[str, str]:
    rows = await conn.fetch(
        "SELECT username, name FROM staff WHERE username = ANY($1::text[])", list(usernames)
    )
    return {r["username"]: r["name"] for r in rows}


async def set_password(conn: Connection, username: str, password_hash: str, now: datetime) -> None:
    """A new password ends every session of the account."""
    await conn.execute(
        "UPDATE staff SET password_hash = $2, password_changed_at = $3 WHERE username = $1",
        username,
        password_hash,
        now,
    )
    await end_sessions(conn, username)


async def set_disabled(conn: Connection, username: str, disabled: bool, now: datetime) -> None:
    """A disabled account is signed out everywhere at once."""
    await conn.execute(
        "UPDATE staff SET disabled_at = CASE WHEN $2 THEN coalesce(disabled_at, $3) END WHERE username = $1",
        username,
        disabled,
        now,
    )
    if disabled:
        await end_sessions(conn, username)


async def signed_in(conn: Connection, username: str, now: datetime) -> None:
    await conn.execute("UPDATE staff SET last_sign_in_at = $2 WHERE username = $1", username, now)


async def start_session(
    conn: Connection, token_hash: str, username: str, now: datetime, expires_at: datetime
) -> None:
    await conn.execute(
        "INSERT INTO staff_sessions (token_hash, username, created_at, seen_at, expires_at)"
        " VALUES ($1, $2, $3, $3, $4)",
        token_hash,
        username,
        now,
        expires_at,
    )


async def session_account(
    conn: Connection, token_hash: str, now: datetime, idle_until: datetime
) -> Account | None:
    """The active account of a live session, which counts as seen now; None otherwise.

    `idle_until`: a session last seen before this has been idle too long."""
    row = await conn.fetchrow(
        "UPDATE staff_sessions s SET seen_at = $2 FROM staff a WHERE s.token_hash = $1"
        " AND a.username = s.username AND a.disabled_at IS NULL AND s.expires_at > $2 AND s.seen_at > $3"
        f" RETURNING {', '.join('a.' + c for c in COLUMNS.split(', '))}",
        token_hash,
        now,
        idle_until,
    )
    return None if row is None else Account(**dict(row))


async def end_session(conn: Connection, token_hash: str) -> None:
    await conn.execute("DELETE FROM staff_sessions WHERE token_hash = $1", token_hash)


async def end_sessions(conn: Connection, username: str) -> None:
    await conn.execute("DELETE FROM staff_sessions WHERE username = $1", username)


async def failures(
    conn: Connection, keys: tuple[str, ...], since: datetime
) -> dict[str, tuple[datetime, ...]]:
    rows = await conn.fetch(
        "SELECT key, at FROM sign_in_failures WHERE key = ANY($1::text[]) AND at > $2 ORDER BY at",
        list(keys),
        since,
    )
    found: dict[str, tuple[datetime, ...]] = {k: () for k in keys}
    for r in rows:
        found[r["key"]] += (r["at"],)
    return found


async def fail(conn: Connection, keys: tuple[str, ...], now: datetime) -> None:
    for key in keys:
        await conn.execute("INSERT INTO sign_in_failures (key, at) VALUES ($1, $2)", key, now)


async def forget_failures(conn: Connection, key: str, before: datetime | None = None) -> None:
    """A good sign-in clears its username's failures; old rows go, `before` a moment."""
    if before is None:
        await conn.execute("DELETE FROM sign_in_failures WHERE key = $1", key)
    else:
        await conn.execute("DELETE FROM sign_in_failures WHERE at < $1", before)
