"""Demo staff accounts (development only): every agency gets `<code>.admin` and `<code>.staf` in the
console, every counter `<id>.petugas`; each password is `demo-` followed by the username.

Made through the admin APIs (routing's and intake's admin key); an account that exists is kept.
"""

from __future__ import annotations

import json
import os
import sys
import urllib.error
import urllib.request
from typing import Any

ADMIN_KEY = os.environ.get("DEKAT_ADMIN_API_KEY", "dekat-admin-demo")


def password_of(username: str) -> str:
    return f"demo-{username}"


def fetched(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.load(response)


def made(url: str, body: dict[str, str]) -> bool:
    """True if the account was made now, False if it was there already."""
    request = urllib.request.Request(
        url,
        method="POST",
        data=json.dumps(body).encode(),
        headers={"content-type": "application/json", "x-api-key": ADMIN_KEY},
    )
    try:
        with urllib.request.urlopen(request, timeout=30):
            return True
    except urllib.error.HTTPError as error:
        if error.code == 409:
            return False
        raise


def agency_accounts(routing: str) -> int:
    agencies = fetched(f"{routing}/v1/agencies?limit=500")["agencies"]
    count = 0
    for agency in agencies:
        for suffix, role in (("admin", "admin"), ("staf", "staff")):
            username = f"{agency['code']}.{suffix}"
            body = {"username": username, "name": f"{role.title()} {agency['name']}", "role": role}
            count += made(
                f"{routing}/v1/admin/agencies/{agency['code']}/staff",
                {**body, "password": password_of(username)},
            )
    return count


def counter_accounts(intake: str) -> int:
    count = 0
    for counter in fetched(f"{intake}/v1/counters"):
        username = f"{counter['id']}.petugas"
        body = {"username": username, "name": f"Petugas {counter['name']}", "password": password_of(username)}
        count += made(f"{intake}/v1/admin/counters/{counter['id']}/staff", body)
    return count


def seed(intake: str, routing: str) -> None:
    made_now = agency_accounts(routing) + counter_accounts(intake)
    print(
        f"[demo] staff accounts ready ({made_now} new): console {routing}/console, counters {intake}/counter"
    )
    print("[demo]   e.g. dinas-bina-marga.staf / demo-dinas-bina-marga.staf (README, demo credentials)")


if __name__ == "__main__":
    seed(
        sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8001",
        sys.argv[2] if len(sys.argv) > 2 else "http://127.0.0.1:8002",
    )
