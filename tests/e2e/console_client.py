"""A browser without a browser: an HTTP client that keeps its cookies, reads the CSRF token from the
page it was given and posts forms as a person would (for the console's e2e tests)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import httpx

TOKEN = re.compile(r'name="csrf" value="([A-Za-z0-9_-]{43})"')
PASSWORD = "sandi-rahasia-123"


@dataclass
class Visitor:
    client: httpx.AsyncClient
    csrf: str = ""
    username: str = ""

    async def get(self, path: str) -> httpx.Response:
        response = await self.client.get(path)
        if found := TOKEN.search(response.text):
            self.csrf = found.group(1)
        return response

    async def post(self, path: str, form: dict[str, str], *, with_token: bool = True) -> httpx.Response:
        data = {"csrf": self.csrf, **form} if with_token else form
        return await self.client.post(path, data=data)

    async def sign_in(self, username: str, password: str = PASSWORD) -> httpx.Response:
        self.username = username
        await self.get("/console/sign-in")
        return await self.post("/console/sign-in", {"username": username, "password": password})


def visitor(base_url: str) -> Visitor:
    return Visitor(httpx.AsyncClient(base_url=base_url, timeout=15, follow_redirects=False))


async def add_staff(
    client: httpx.AsyncClient, agency: str, username: str, *, role: str = "admin", headers: dict[str, str]
) -> Any:
    """An account made with the admin key (an agency's first administrator)."""
    body = {
        "username": username,
        "name": username.replace(".", " ").title(),
        "password": PASSWORD,
        "role": role,
    }
    return await client.post(f"/v1/admin/agencies/{agency}/staff", json=body, headers=headers)
