"""The agency console over HTTP against a real routing process, Kafka and PostgreSQL: who may sign
in and see what, the actions with the staff member recorded, CSRF, lockout, staff management."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import asyncpg
import pytest

from tests.e2e.console_client import PASSWORD, Visitor, add_staff, visitor
from tests.integration.routing.running import ADMIN, Routing, routing

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
async def service(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Routing]:
    async with routing(tmp_path_factory.mktemp("console"), instances=0) as running:
        await running.start(sign_in_delay_seconds="0.01", sign_in_user_limit="3", sign_in_client_limit="500")
        yield running


def unique(prefix: str) -> str:
    return f"{prefix}.{uuid.uuid4().hex[:6]}"


async def staff_of(service: Routing, agency: str, role: str = "admin") -> Visitor:
    """A staff member of `agency`, made with the admin key and signed in."""
    username = unique(agency.split("-")[0])
    async with service.client() as client:
        assert (await add_staff(client, agency, username, role=role, headers=ADMIN)).status_code == 201
    signed = visitor(service.url)
    assert (await signed.sign_in(username)).status_code == 303
    return signed


async def history_staff(service: Routing, request_id: str) -> list[tuple[str, str | None, str | None]]:
    conn = await asyncpg.connect(service.dsn)
    try:
        rows = await conn.fetch(
            "SELECT kind, status, staff FROM history WHERE request_id = $1 ORDER BY id", uuid.UUID(request_id)
        )
    finally:
        await conn.close()
    return [(r["kind"], r["status"], r["staff"]) for r in rows]


async def test_a_signed_out_visitor_is_sent_to_sign_in_and_comes_back_afterwards(service: Routing) -> None:
    anyone = visitor(service.url)

    response = await anyone.get("/console/queue?status=assigned")

    assert response.status_code == 303
    assert response.headers["location"] == "/console/sign-in?next=/console/queue%3Fstatus%3Dassigned"


async def test_staff_find_the_urgent_request_first_and_every_action_names_them(service: Routing) -> None:
    normal = await service.submit("flooding")
    urgent = await service.submit("flooding", priority="urgent")
    await service.routing_of(normal), await service.routing_of(urgent)
    dewi = await staff_of(service, "dinas-sda")

    queue = (await dewi.get("/console/queue")).text
    page = (await dewi.get(f"/console/requests/{normal}")).text
    acknowledged = await dewi.post(f"/console/requests/{normal}/act", {"action": "acknowledge"})
    asked = await dewi.post(
        f"/console/requests/{normal}/act", {"action": "request_info", "note": "Di depan nomor berapa?"}
    )

    assert queue.index(urgent) < queue.index(normal)
    assert "Tanggapi" in page
    assert "Mengapa permintaan ini ke sini" in page
    assert acknowledged.status_code == asked.status_code == 303
    assert acknowledged.headers["location"] == f"/console/requests/{normal}?done=acknowledge"
    entries = await history_staff(service, normal)
    assert entries[-2:] == [
        ("status", "acknowledged", dewi.username),
        ("status", "info_requested", dewi.username),
    ]
    statuses = await service.statuses(normal, 2)
    assert [s["status"] for s in statuses] == ["acknowledged", "info_requested"]
    assert statuses[-1]["note"] == "Di depan nomor berapa?"
    timeline = (await dewi.get(f"/console/requests/{normal}")).text
    assert f"oleh {dewi.username.replace('.', ' ').title()}" in timeline


async def test_a_missing_note_is_shown_beside_the_field_and_changes_nothing(service: Routing) -> None:
    request_id = await service.submit("blocked-drain")
    await service.routing_of(request_id)
    staff = await staff_of(service, "sudin-sda-jakpus")
    await staff.get(f"/console/requests/{request_id}")

    refused = await staff.post(f"/console/requests/{request_id}/act", {"action": "reject", "note": " "})

    assert refused.status_code == 422
    assert 'id="reject-note-error"' in refused.text
    assert "Tuliskan mengapa permintaan ini bukan wewenang instansi Anda." in refused.text
    assert (await service.routing_of(request_id))["status"] == "assigned"


async def test_a_form_without_its_csrf_token_is_refused(service: Routing) -> None:
    request_id = await service.submit("blocked-drain")
    await service.routing_of(request_id)
    staff = await staff_of(service, "sudin-sda-jakpus")

    refused = await staff.post(
        f"/console/requests/{request_id}/act", {"action": "acknowledge"}, with_token=False
    )
    forged = await staff.post(
        f"/console/requests/{request_id}/act", {"action": "acknowledge", "csrf": "x" * 43}
    )

    assert refused.status_code == forged.status_code == 403
    assert (await service.routing_of(request_id))["status"] == "assigned"


async def test_staff_of_one_agency_cannot_open_another_agencys_request_photo_or_queue(
    service: Routing,
) -> None:
    request_id = await service.submit("blocked-drain")
    await service.routing_of(request_id)
    other = await staff_of(service, "pam-jaya")

    page = await other.get(f"/console/requests/{request_id}")
    photo = await other.get(f"/v1/agency/requests/{request_id}/photos/p1")
    queue = await other.get("/console/queue?agency=sudin-sda-jakpus")
    acted = await other.post(f"/console/requests/{request_id}/act", {"action": "acknowledge"})

    assert page.status_code == photo.status_code == queue.status_code == acted.status_code == 404
    assert (await visitor(service.url).get(f"/v1/agency/requests/{request_id}/photos/p1")).status_code == 401


async def test_the_coordinator_sees_every_agencys_queue_and_reads_their_requests(service: Routing) -> None:
    request_id = await service.submit("blocked-drain")
    await service.routing_of(request_id)
    coordinator = await staff_of(service, "mpp-jakpus")

    queue = await coordinator.get("/console/queue?agency=sudin-sda-jakpus")
    page = await coordinator.get(f"/console/requests/{request_id}")
    acted = await coordinator.post(f"/console/requests/{request_id}/act", {"action": "acknowledge"})

    assert queue.status_code == page.status_code == 200
    assert request_id in queue.text
    assert "sebagai pengawas" in page.text
    assert 'name="action"' not in page.text
    assert acted.status_code == 404


async def test_a_supervisor_sees_the_requests_below_it_that_missed_their_deadline(service: Routing) -> None:
    request_id = await service.submit("blocked-drain")
    await service.routing_of(request_id)
    supervisor = await staff_of(service, "dinas-sda")
    assert request_id not in (await supervisor.get("/console/escalations")).text

    await service.advance_clock(3 * 24 * 3600)  # every session has expired by then
    supervisor = await staff_of(service, "dinas-sda")

    listed = (await supervisor.get("/console/escalations")).text
    assert request_id in listed
    assert "Terlambat" in listed
    assert (await (await staff_of(service, "pam-jaya")).get("/console/escalations")).status_code == 404


async def test_repeated_failed_sign_ins_lock_the_username_for_a_while(service: Routing) -> None:
    staff = await staff_of(service, "dinas-lh")
    other = await staff_of(service, "dinas-lh")
    guesser = visitor(service.url)

    wrong = [(await guesser.sign_in(staff.username, "salah-salah-salah")).status_code for _ in range(3)]
    locked = await guesser.sign_in(staff.username, PASSWORD)

    assert wrong == [401, 401, 429]
    assert locked.status_code == 429
    assert "Coba lagi setelah" in locked.text
    assert (await visitor(service.url).sign_in(other.username)).status_code == 303


async def test_an_admin_adds_staff_who_sign_in_and_a_disabled_account_is_signed_out_at_once(
    service: Routing,
) -> None:
    admin = await staff_of(service, "dinas-bina-marga")
    await admin.get("/console/staff")
    username = unique("petugas")

    added = await admin.post(
        "/console/staff",
        {"username": username, "name": "Rina Petugas", "role": "staff", "password": PASSWORD},
    )
    rina = visitor(service.url)
    signed_in = await rina.sign_in(username)
    team_for_staff = await rina.get("/console/staff")
    await admin.get("/console/staff")
    disabled = await admin.post(f"/console/staff/{username}", {"change": "disable"})

    assert added.status_code == signed_in.status_code == disabled.status_code == 303
    assert team_for_staff.status_code == 404
    assert (await rina.get("/console/queue")).status_code == 303
    assert (await rina.sign_in(username)).status_code == 401


async def test_an_admin_gets_every_problem_beside_its_field_and_cannot_disable_themselves(
    service: Routing,
) -> None:
    admin = await staff_of(service, "dinas-bina-marga")
    await admin.get("/console/staff")

    refused = await admin.post(
        "/console/staff", {"username": "A", "name": "", "role": "boss", "password": "short"}
    )
    itself = await admin.post(f"/console/staff/{admin.username}", {"change": "disable"})

    assert refused.status_code == 422
    for field in ("new-username", "new-name", "new-role", "new-password"):
        assert f'id="{field}-error"' in refused.text
    assert itself.status_code == 409


async def test_the_admin_api_makes_an_agencys_first_admin_and_names_what_is_wrong(service: Routing) -> None:
    async with service.client() as client:
        made = await add_staff(client, "dinas-lh", unique("admin"), headers=ADMIN)
        taken = await add_staff(client, "dinas-lh", made.json()["username"], headers=ADMIN)
        unknown = await add_staff(client, "no-such-agency", unique("admin"), headers=ADMIN)
        bad = await client.post(
            "/v1/admin/agencies/dinas-lh/staff",
            json={"username": "X Y", "name": "x", "password": "p"},
            headers=ADMIN,
        )
        keyless = await add_staff(client, "dinas-lh", unique("admin"), headers={})

    assert (made.status_code, made.json()["role"]) == (201, "admin")
    assert taken.status_code == 409
    assert unknown.status_code == 404
    assert keyless.status_code == 401
    assert bad.status_code == 422
    assert {p["field"] for p in bad.json()["problems"]} == {"username", "password"}


async def test_odd_bodies_are_answered_with_4xx_never_5xx(service: Routing) -> None:
    anyone = visitor(service.url)
    await anyone.get("/console/sign-in")

    answers = [
        await anyone.client.post("/console/sign-in", json={"username": "x"}),
        await anyone.client.post(
            "/console/sign-in",
            content=b"username=%00",
            headers={"content-type": "application/x-www-form-urlencoded"},
        ),
        await anyone.client.post(
            "/console/sign-in",
            content=b"a=" + b"x" * 40_000,
            headers={"content-type": "application/x-www-form-urlencoded"},
        ),
        await anyone.client.post(
            "/console/sign-in",
            content=b"\xff\xfe=1",
            headers={"content-type": "application/x-www-form-urlencoded"},
        ),
        await anyone.get("/console/requests/not-a-uuid"),
    ]

    assert [a.status_code for a in answers][:4] == [400, 400, 400, 400]
    assert answers[4].status_code == 303


async def test_staff_change_their_own_password_and_every_other_session_ends(service: Routing) -> None:
    here = await staff_of(service, "dinas-lh", role="staff")
    there = visitor(service.url)
    await there.sign_in(here.username)
    await here.get("/console/password")

    wrong = await here.post("/console/password", {"current": "bukan-ini-sandinya", "new": "sandi-baru-98765"})
    changed = await here.post("/console/password", {"current": PASSWORD, "new": "sandi-baru-98765"})

    assert wrong.status_code == 422
    assert 'id="current-error"' in wrong.text
    assert changed.status_code == 303
    assert (await here.get("/console/queue")).status_code == 200
    assert (await there.get("/console/queue")).status_code == 303
    assert (await visitor(service.url).sign_in(here.username, "sandi-baru-98765")).status_code == 303


async def test_staff_merge_a_likely_duplicate_into_its_case_from_the_request_page(service: Routing) -> None:
    elsewhere = (-6.1862, 106.8341)  # none of the other tests' requests lie within 150 m
    case = await service.submit("blocked-drain", at=elsewhere)
    await service.routing_of(case)
    duplicate = await service.submit("blocked-drain", at=elsewhere)
    await service.routing_of(duplicate)
    staff = await staff_of(service, "sudin-sda-jakpus")

    page = (await staff.get(f"/console/requests/{duplicate}")).text
    merged = await staff.post(f"/console/requests/{duplicate}/act", {"action": "merge", "merge_into": case})
    bad = await staff.post(f"/console/requests/{case}/act", {"action": "merge", "merge_into": "x"})

    assert "Mungkin laporan yang sama" in page
    assert f'name="merge_into" value="{case}"' in page
    assert merged.status_code == 303
    assert merged.headers["location"] == f"/console/requests/{case}?done=merge"
    assert (await service.routing_of(duplicate))["status"] == "closed"
    assert bad.status_code == 422
    assert 'id="merge-merge_into-error"' in bad.text
