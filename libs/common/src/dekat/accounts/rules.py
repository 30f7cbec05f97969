"""What a new account, a new password or a name must be (pure). Problems are (field, code); each
service words the codes in the reader's language (`ENGLISH` for the JSON APIs)."""

from __future__ import annotations

import re

from dekat.accounts import passwords
from dekat.accounts.store import ROLES

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{2,63}$")
MAX_NAME = 120
ENGLISH = {
    "username_shape": "3 to 64 characters: lower-case letters, digits, '.', '_' or '-', starting with a"
    " letter or digit",
    "username_taken": "this username is taken",
    "name_missing": "give the person's name (at most 120 characters)",
    "role_unknown": "the role is staff or admin",
    "too_short": f"at least {passwords.MIN_LENGTH} characters",
    "too_long": f"at most {passwords.MAX_LENGTH} characters",
    "is_username": "the password may not be the username",
}


def name_problem(name: str) -> str | None:
    clean = name.strip()
    return None if 0 < len(clean) <= MAX_NAME and clean.isprintable() else "name_missing"


def new_account(username: str, name: str, role: str, password: str) -> list[tuple[str, str]]:
    """Everything wrong with an account about to be made, field by field, in form order."""
    found = [
        ("username", None if USERNAME.match(username) else "username_shape"),
        ("name", name_problem(name)),
        ("role", None if role in ROLES else "role_unknown"),
        ("password", passwords.problem(password, username)),
    ]
    return [(field, code) for field, code in found if code is not None]
