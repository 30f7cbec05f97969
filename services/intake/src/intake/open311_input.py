"""Reading what an Open311 client sends, into the same `Submission` every channel makes (pure).

POST bodies are form-encoded, as the spec sends them; query filters are strings. Anything wrong
raises `Open311Error` naming the parameter.
"""

from __future__ import annotations

import math
import re
from datetime import datetime, timedelta
from urllib.parse import parse_qsl

from pydantic import EmailStr, TypeAdapter, ValidationError

from intake.open311_format import Open311Error
from intake.requests import Contact
from intake.submissions import Submission

ATTRIBUTE = re.compile(r"^attribute\[([^\[\]]{1,64})\](\[\])?$")
PHONE = re.compile(r"^\+?[0-9 ()-]{6,20}$")
MEDIA_URL = re.compile(r"^https?://\S{1,2000}$")
EMAIL: TypeAdapter[str] = TypeAdapter(EmailStr)
WINDOW = timedelta(days=90)
"""The spec's default `GET requests` window, and the longest range one query may span."""
LIMIT = 1000
MAX_TEXT = {"description": 4000, "address_string": 500, "address_id": 100, "zipcode": 20}


def form(body: bytes) -> list[tuple[str, str]]:
    try:
        return parse_qsl(body.decode("utf-8"), keep_blank_values=True, strict_parsing=bool(body))
    except (UnicodeDecodeError, ValueError) as error:
        raise Open311Error(
            400, f"the body is not a UTF-8 form (application/x-www-form-urlencoded): {error}"
        ) from None


def number(fields: dict[str, str], name: str, bound: float) -> float | None:
    if not fields.get(name):
        return None
    try:
        value = float(fields[name])
    except ValueError:
        raise Open311Error(400, f"{name} must be a number, not {fields[name][:40]!r}") from None
    if not math.isfinite(value) or not -bound <= value <= bound:
        raise Open311Error(400, f"{name} must be between {-bound:g} and {bound:g}")
    return value


def answers(pairs: list[tuple[str, str]]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for name, value in pairs:
        if match := ATTRIBUTE.match(name):
            found.setdefault(match.group(1), []).append(value)
        elif name.startswith("attribute"):
            raise Open311Error(400, f"{name[:80]!r} is not attribute[CODE] or attribute[CODE][]")
    return found


def citizen(fields: dict[str, str]) -> Contact | None:
    name = " ".join(fields[k].strip() for k in ("first_name", "last_name") if fields.get(k, "").strip())
    email, phone = fields.get("email") or None, fields.get("phone") or None
    if email is not None:
        try:
            email = EMAIL.validate_python(email)
        except ValidationError:
            raise Open311Error(400, "email is not a valid email address") from None
    if phone is not None and not PHONE.match(phone):
        raise Open311Error(400, "phone must be 6 to 20 digits, spaces, dashes or brackets")
    if len(name) > 200:
        raise Open311Error(400, "first_name and last_name are too long")
    if not (name or email or phone):
        return None
    account, device = (fields.get(k, "")[:100] or None for k in ("account_id", "device_id"))
    return Contact(name=name or None, email=email, phone=phone, account_id=account, device_id=device)


def text_fields(fields: dict[str, str]) -> None:
    for name, limit in MAX_TEXT.items():
        if len(fields.get(name, "")) > limit:
            raise Open311Error(400, f"{name} is longer than {limit} characters")
    if fields.get("media_url") and not MEDIA_URL.match(fields["media_url"]):
        raise Open311Error(400, "media_url must be an http(s) URL")
    if fields.get("privacy", "public") not in {"public", "confidential", "anonymous"}:
        raise Open311Error(400, "privacy must be public, confidential or anonymous")


def submission(pairs: list[tuple[str, str]], client: str) -> Submission:
    """A POST requests body from the Open311 client `client` (its api_key already checked)."""
    fields = {name: value.strip() for name, value in reversed(pairs)}  # the first of repeats wins
    if not fields.get("service_code"):
        raise Open311Error(400, "service_code is required")
    text_fields(fields)
    person = citizen(fields)
    privacy = fields.get("privacy", "public")
    return Submission(
        service_code=fields["service_code"][:64],
        description=fields.get("description", ""),
        channel="open311",
        lat=number(fields, "lat", 90),
        long=number(fields, "long", 180),
        address=fields.get("address_string") or None,
        address_id=fields.get("address_id") or None,
        zipcode=fields.get("zipcode") or None,
        media_url=fields.get("media_url") or None,
        answers=answers(pairs),
        privacy=privacy,  # type: ignore[arg-type]  # checked by text_fields
        citizen=person,
        source=client,
    )


def moment(name: str, value: str) -> datetime:
    try:
        at = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise Open311Error(
            400, f"{name} must be a W3C date and time, e.g. 2026-05-01T08:00:00+07:00"
        ) from None
    if at.tzinfo is None:
        raise Open311Error(400, f"{name} must include a time zone (Z or +HH:MM)")
    return at


def window(start: str | None, end: str | None, now: datetime) -> tuple[datetime, datetime]:
    """The spec's default: the last 90 days; a given range may not span more than 90 days."""
    until = moment("end_date", end) if end else None
    since = moment("start_date", start) if start else None
    since = since or (until or now) - WINDOW
    until = until or since + WINDOW
    if since > until:
        raise Open311Error(400, "start_date is after end_date")
    if until - since > WINDOW:
        raise Open311Error(400, "a date range may not span more than 90 days")
    return since, until


def closed_filter(status: str | None) -> bool | None:
    """`open`, `closed`, or both (`open,closed`, or not given) as None."""
    wanted = {s.strip() for s in (status or "").split(",") if s.strip()}
    if wanted - {"open", "closed"}:
        raise Open311Error(400, "status must be open, closed, or both separated by a comma")
    return None if len(wanted) != 1 else wanted == {"closed"}


def comma_list(value: str | None, limit: int = 100) -> list[str] | None:
    items = [v.strip() for v in (value or "").split(",") if v.strip()]
    if len(items) > limit:
        raise Open311Error(400, f"at most {limit} values in one list")
    return items or None
