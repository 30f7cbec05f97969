"""The admin API for counter staff accounts (intake's admin key): make one, disable or enable it,
set a new password. Passwords are never shown or stored, only their argon2 hashes."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from typing import Annotated

from dekat.accounts import passwords, rules
from dekat.accounts import store as accounts
from dekat.accounts.store import Account
from dekat.errors import invalid, problem, refused
from dekat.openapi import errors
from dekat.service import Pool
from fastapi import APIRouter, Depends, Path, Request, Security
from fastapi.responses import JSONResponse
from fastapi.security import APIKeyHeader
from pydantic import BaseModel, ConfigDict, Field

from intake.counter.access import counter_named

CounterId = Annotated[str, Path(min_length=1, max_length=64, pattern=r"^[a-z0-9-]+$")]
Username = Annotated[str, Path(pattern=rules.USERNAME.pattern)]


AdminKey = Annotated[
    str | None,
    Security(
        APIKeyHeader(
            name="X-API-Key",
            scheme_name="AdminKey",
            description="intake's admin API key (setting `DEKAT_ADMIN_API_KEY`)",
            auto_error=False,
        )
    ),
]


def admin(request: Request, x_api_key: AdminKey = None) -> None:
    if not x_api_key:
        raise refused(401, "the admin API key is required in X-API-Key", field="X-API-Key")
    expected: str = request.app.state.settings.admin_api_key.get_secret_value()
    if not secrets.compare_digest(x_api_key.encode(), expected.encode()):
        raise refused(403, "this endpoint needs the admin API key", field="X-API-Key")


router = APIRouter(
    prefix="/v1/admin/counters",
    tags=["admin"],
    dependencies=[Depends(admin)],
    responses=errors(401, 403, 404),
)


class StaffBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    username: str = Field(max_length=64)
    name: str = Field(max_length=rules.MAX_NAME)
    password: str = Field(max_length=passwords.MAX_LENGTH)


class ChangeBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    disabled: bool | None = None
    password: str | None = Field(None, max_length=passwords.MAX_LENGTH)


def counter_or_404(request: Request, counter_id: str) -> None:
    if counter_named(request, counter_id) is None:
        raise refused(404, "no such counter", field="counter_id")


@router.post("/{counter_id}/staff", status_code=201, responses=errors(409, 422))
async def add(counter_id: CounterId, body: StaffBody, pool: Pool, request: Request) -> JSONResponse:
    """A staff account at the counter; its requests will name this username as who took them."""
    counter_or_404(request, counter_id)
    if found := rules.new_account(body.username, body.name, "staff", body.password):
        return invalid([problem(field, rules.ENGLISH[code]) for field, code in found])
    now = datetime.now(UTC)
    account = Account(body.username, counter_id, body.name.strip(), "staff", now, created_by="admin-api")
    async with pool.acquire() as conn:
        if not await accounts.create(conn, account, await passwords.hashed(body.password), now):
            return invalid([problem("username", rules.ENGLISH["username_taken"])], 409)
    return JSONResponse({"username": body.username, "counter_id": counter_id}, status_code=201)


@router.post("/{counter_id}/staff/{username}", responses=errors(422))
async def change(
    counter_id: CounterId, username: Username, body: ChangeBody, pool: Pool, request: Request
) -> JSONResponse:
    """Disable (signed out at once) or enable the account, or set a new password (sessions end)."""
    counter_or_404(request, counter_id)
    if body.password is not None and (code := passwords.problem(body.password, username)):
        return invalid([problem("password", rules.ENGLISH[code])])
    now = datetime.now(UTC)
    async with pool.acquire() as conn, conn.transaction():
        found = await accounts.find(conn, username)
        if found is None or found.office != counter_id:
            raise refused(404, "no such staff member at this counter", field="username")
        if body.disabled is not None:
            await accounts.set_disabled(conn, username, body.disabled, now)
        if body.password is not None:
            await accounts.set_password(conn, username, await passwords.hashed(body.password), now)
    disabled = found.disabled_at is not None if body.disabled is None else body.disabled
    return JSONResponse({"username": username, "counter_id": counter_id, "disabled": disabled})
