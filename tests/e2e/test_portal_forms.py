"""The portal's forms over plain HTTP, as a browser without JavaScript sends them: CSRF on every form,
one request per double click, photos only through signed or public links, never a 5xx."""

from __future__ import annotations

import asyncio
import io
import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import asyncpg
import httpx
import pytest
from dekat import signing
from intake.config import Settings
from PIL import Image

from tests.e2e.network import serve_network
from tests.e2e.stack import Stack, running_stack

pytestmark = pytest.mark.e2e
WHERE = "lat=-6.1951&long=106.8345&area=kel-cikini"
SECRET = Settings().link_secret.get_secret_value()
"""The demo secret intake and routing share for photo links."""


@pytest.fixture(scope="module")
async def intake(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Stack]:
    async with running_stack(tmp_path_factory.mktemp("portal"), only=("intake",)) as running:
        await serve_network(running.urls["intake"], running.namespace)  # routing would announce it
        yield running


def photo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (320, 240), (90, 90, 90)).save(out, "JPEG")
    return out.getvalue()


def hidden(page: str, name: str) -> str:
    found = re.search(f'name="{name}" value="([^"]*)"', page)
    assert found, f"no hidden {name}"
    return found.group(1)


async def form_of(client: httpx.AsyncClient, service: str = "pothole") -> dict[str, str]:
    page = (await client.get(f"/services/{service}/report?step=details&{WHERE}")).text
    return {
        "csrf": hidden(page, "csrf"),
        "idem": hidden(page, "idem"),
        "lang": "id",
        "lat": "-6.1951",
        "long": "106.8345",
        "area": "kel-cikini",
        "description": "Lubang besar di depan toko",
    }


async def count(stack: Stack, query: str, *args: object) -> int:
    conn = await asyncpg.connect(stack.databases["intake"])
    try:
        found: int = await conn.fetchval(query, *args)
        return found
    finally:
        await conn.close()


async def test_a_form_without_its_csrf_token_is_refused_and_changes_nothing(intake: Stack) -> None:
    async with httpx.AsyncClient(base_url=intake.urls["intake"]) as client:
        fields = await form_of(client)
        fields["description"] = "no token here"
        refused = await client.post("/services/pothole/report", data={**fields, "csrf": "x" * 43})
        assert refused.status_code == 403
        assert "Formulir kedaluwarsa" in refused.text
    async with httpx.AsyncClient(base_url=intake.urls["intake"]) as stranger:
        assert (await stranger.post("/services/pothole/report", data=fields)).status_code == 403
    assert await count(intake, "SELECT count(*) FROM requests WHERE description = 'no token here'") == 0


async def test_a_double_click_makes_one_request_with_its_photo(intake: Stack) -> None:
    async with httpx.AsyncClient(base_url=intake.urls["intake"]) as client:
        fields = {**(await form_of(client)), "description": "double click"}
        files = [("photos", ("a.jpg", photo(), "image/jpeg"))]
        first, second = await asyncio.gather(
            client.post("/services/pothole/report", data=fields, files=files),
            client.post("/services/pothole/report", data=fields, files=files),
        )
    assert first.status_code == second.status_code == 303
    assert first.headers["location"] == second.headers["location"]
    assert await count(intake, "SELECT count(*) FROM requests WHERE description = 'double click'") == 1
    assert (
        await count(
            intake,
            "SELECT count(*) FROM photos p JOIN requests r ON r.id = p.request_id"
            " WHERE r.description = 'double click'",
        )
        == 1
    )


async def photo_of(intake: Stack, privacy: str) -> str:
    async with httpx.AsyncClient(base_url=intake.urls["intake"]) as client:
        fields = {**(await form_of(client)), "description": f"photo {privacy}", "privacy": privacy}
        files = [("photos", ("a.jpg", photo(), "image/jpeg"))]
        assert (await client.post("/services/pothole/report", data=fields, files=files)).status_code == 303
    conn = await asyncpg.connect(intake.databases["intake"])
    try:
        photo_id: str = await conn.fetchval(
            "SELECT p.id::text FROM photos p JOIN requests r ON r.id = p.request_id WHERE r.description = $1",
            f"photo {privacy}",
        )
        return photo_id
    finally:
        await conn.close()


async def test_a_photo_opens_only_by_a_signed_unexpired_link_or_publicly_for_a_public_request(
    intake: Stack,
) -> None:
    public, confidential = await photo_of(intake, "public"), await photo_of(intake, "confidential")
    now = datetime.now(UTC)
    link = signing.signed_query(SECRET, f"/photos/{confidential}", now=now, valid_for=timedelta(minutes=5))
    old = signing.signed_query(
        SECRET, f"/photos/{confidential}", now=now - timedelta(hours=1), valid_for=timedelta(minutes=5)
    )
    other = signing.signed_query(SECRET, f"/photos/{public}", now=now, valid_for=timedelta(minutes=5))
    async with httpx.AsyncClient(base_url=intake.urls["intake"]) as client:
        opened = await client.get(f"/photos/{confidential}?{link}")
        assert opened.status_code == 200
        assert opened.headers["content-type"] == "image/jpeg"
        assert (await client.get(f"/photos/{confidential}")).status_code == 403
        assert (await client.get(f"/photos/{confidential}?{old}")).status_code == 403
        assert (await client.get(f"/photos/{confidential}?{other}")).status_code == 403
        assert (
            await client.get(f"/photos/{confidential}?{link.replace('sig=', 'sig=0')}")
        ).status_code == 403
        assert (await client.get(f"/media/{public}")).status_code == 200
        assert (await client.get(f"/media/{confidential}")).status_code == 404


async def test_the_short_link_of_an_sms_opens_the_tracking_page_with_the_secret(intake: Stack) -> None:
    async with httpx.AsyncClient(base_url=intake.urls["intake"]) as client:
        moved = await client.get("/t/7k3m9qxa?k=s3cret")
        assert moved.status_code in (302, 303)
        assert moved.headers["location"] == "/track/DK-7K3M-9QXA?k=s3cret"
        assert (await client.get("/t/short")).status_code == 404


async def test_the_confirmation_gives_the_key_that_rates_from_the_tracking_page(intake: Stack) -> None:
    async with httpx.AsyncClient(base_url=intake.urls["intake"]) as client:
        fields = {**(await form_of(client)), "description": "to be rated"}
        sent = receipt_of((await client.post("/services/pothole/report", data=fields)).headers["location"])
        code, key = sent["code"], sent["k"]
        conn = await asyncpg.connect(intake.databases["intake"])
        await conn.execute("UPDATE requests SET status = 'resolved' WHERE tracking_code = $1", code)
        await conn.close()
        assert 'name="k"' not in (await client.get(f"/track/{code}")).text
        page = (await client.get(f"/track/{code}?k={key}")).text
        assert hidden(page, "k") == key
        rating = {
            "csrf": hidden(page, "csrf"),
            "idem": hidden(page, "idem"),
            "k": key,
            "rating": "4",
            "lang": "id",
        }
        rated = await client.post(f"/track/{code}/rating", data=rating)
        assert rated.status_code == 303
        assert rated.headers["location"] == f"/track/{code}?k={key}&lang=id&sent=1"
        assert "Terkirim" in (await client.get(rated.headers["location"])).text
        bad = await client.post(f"/track/{code}/rating", data={**rating, "rating": "9", "idem": "b" * 32})
        assert bad.status_code == 422
        assert 'id="rating-error"' in bad.text
        stranger = await client.post(
            f"/track/{code}/rating", data={**rating, "k": "not-the-key", "idem": "c" * 32}
        )
        assert stranger.status_code == 403
        assert "kunci Anda yang benar" in stranger.text


def receipt_of(location: str) -> dict[str, str]:
    """`/sent/DK-…?lang=id&k=…` → {"code": ..., "lang": ..., "k": ...}."""
    path, _, query = location.partition("?")
    return {"code": path.rsplit("/", 1)[1], **dict(p.split("=", 1) for p in query.split("&") if p)}


ODD_BODIES: list[tuple[str, dict[str, str], bytes]] = [
    ("garbage multipart", {"content-type": "multipart/form-data; boundary=x"}, b"--x\r\nnonsense"),
    ("no boundary", {"content-type": "multipart/form-data"}, b"a=b"),
    ("json", {"content-type": "application/json"}, b'{"description": "x"}'),
    ("urlencoded NUL", {"content-type": "application/x-www-form-urlencoded"}, b"description=a%00b"),
    ("nothing", {}, b""),
]


@pytest.mark.parametrize(("what", "headers", "body"), ODD_BODIES, ids=[b[0] for b in ODD_BODIES])
async def test_odd_bodies_never_get_a_server_error(
    intake: Stack, what: str, headers: dict[str, str], body: bytes
) -> None:
    async with httpx.AsyncClient(base_url=intake.urls["intake"]) as client:
        for path in ("/services/pothole/report", "/services/nope/report", "/track/DK-AAAA-AAAA/rating"):
            answer = await client.post(path, content=body, headers=headers)
            assert 400 <= answer.status_code < 500, (what, path, answer.status_code)


async def test_a_nul_inside_a_multipart_field_is_refused_not_stored(intake: Stack) -> None:
    async with httpx.AsyncClient(base_url=intake.urls["intake"]) as client:
        fields = {**(await form_of(client)), "description": "nul\x00inside"}
        answer = await client.post(
            "/services/pothole/report", data=fields, files=[("photos", ("", b"", "application/octet-stream"))]
        )
        assert answer.status_code == 400
