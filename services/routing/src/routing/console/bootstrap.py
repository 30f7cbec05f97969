"""The admin API's part in the console: an agency's first administrator (and, for operators, any
account) is made with the admin key; the agency's administrators take it from there."""

from __future__ import annotations

from typing import Literal

from dekat.accounts import passwords, rules
from dekat.accounts import store as accounts
from dekat.accounts.store import Account
from dekat.errors import invalid, problem, refused
from dekat.openapi import errors
from dekat.service import Pool
from fastapi import APIRouter
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from routing import network_store
from routing.access import Admin, Ctx
from routing.admin import AgencyCode

router = APIRouter(prefix="/v1/admin", tags=["admin"], dependencies=[Admin], responses=errors(401, 403, 404))


class StaffBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    username: str = Field(max_length=64)
    name: str = Field(max_length=rules.MAX_NAME)
    password: str = Field(max_length=passwords.MAX_LENGTH)
    role: Literal["staff", "admin"] = "admin"


@router.post("/agencies/{code}/staff", status_code=201, responses=errors(409, 422))
async def add_staff(code: AgencyCode, body: StaffBody, pool: Pool, ctx: Ctx) -> JSONResponse:
    """A console account at the agency (by default its administrator); the password is never shown again."""
    if found := rules.new_account(body.username, body.name, body.role, body.password):
        return invalid([problem(field, rules.ENGLISH[code]) for field, code in found])
    now = ctx.clock.now()
    async with pool.acquire() as conn:
        if code not in (await network_store.load_network(conn)).agencies:
            raise refused(404, "no such agency", field="code")
        account = Account(body.username, code, body.name.strip(), body.role, now, created_by="admin-api")
        if not await accounts.create(conn, account, await passwords.hashed(body.password), now):
            return invalid([problem("username", rules.ENGLISH["username_taken"])], 409)
    return JSONResponse({"username": body.username, "agency_code": code, "role": body.role}, status_code=201)
