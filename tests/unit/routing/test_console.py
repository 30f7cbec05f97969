"""The console's pure parts: time left in working hours, the actions offered, queue rows, where a
sign-in may send the visitor back to, and every page rendered strictly in both languages."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from dekat.accounts import door
from dekat.accounts.signin import Refused
from dekat.web import words
from dekat.web.posted import Posted
from routing import statuses
from routing.console import casefile, offers, signin, timing, worklist
from routing.console.access import supervised_by

from tests.unit.routing.builders import OFFICE_HOURS, network
from tests.unit.routing.console_pages import CONSOLE, NOW, rendered, staff

MONDAY_9_WIB = datetime(2026, 12, 7, 2, 0, tzinfo=UTC)


def test_time_left_counts_only_the_holders_working_hours() -> None:
    friday_15_wib = datetime(2026, 12, 4, 8, 0, tzinfo=UTC)

    left = timing.time_left(
        "assigned",
        acknowledge_by=MONDAY_9_WIB,
        resolve_by=MONDAY_9_WIB,
        answer_by=None,
        now=friday_15_wib,
        calendar=OFFICE_HOURS,
    )

    assert left is not None
    assert (left.deadline, left.hours, left.overdue) == ("acknowledge", 2.0, False)


def test_a_passed_deadline_is_late_by_the_working_hours_since() -> None:
    left = timing.time_left(
        "in_progress",
        acknowledge_by=MONDAY_9_WIB,
        resolve_by=MONDAY_9_WIB,
        answer_by=None,
        now=MONDAY_9_WIB + timedelta(hours=3),
        calendar=OFFICE_HOURS,
    )

    assert left is not None
    assert (left.deadline, left.hours) == ("resolve", -3.0)


def test_the_citizens_time_to_answer_is_calendar_time_and_nothing_runs_once_resolved() -> None:
    asked = timing.time_left(
        "info_requested",
        acknowledge_by=NOW,
        resolve_by=NOW,
        answer_by=NOW + timedelta(days=2),
        now=NOW,
        calendar=OFFICE_HOURS,
    )
    done = timing.time_left(
        "resolved", acknowledge_by=NOW, resolve_by=NOW, answer_by=None, now=NOW, calendar=OFFICE_HOURS
    )

    assert asked is not None
    assert (asked.deadline, asked.hours) == ("answer", 48.0)
    assert done is None


@pytest.mark.parametrize(
    ("hours", "language", "said"),
    [(2.5, "id", "2 jam 30 menit"), (-0.25, "en", "15 min"), (3, "en", "3 h"), (0, "id", "0 menit")],
)
def test_a_time_is_said_in_hours_and_minutes(hours: float, language: str, said: str) -> None:
    assert timing.spoken(hours, language) == said


@pytest.mark.parametrize(("hours", "said"), [(120, "5 hari"), (52, "2 hari 4 jam"), (30, "30 jam")])
def test_the_citizens_time_is_said_in_days_once_it_is_long(hours: float, said: str) -> None:
    assert timing.spoken_calendar(hours, "id") == said


def situation(status: str, role: str = "lead", **extra: Any) -> statuses.Situation:
    return statuses.Situation(
        status,  # type: ignore[arg-type]
        role=role,  # type: ignore[arg-type]
        holder="sudin-sda",
        coordinator="mpp",
        agencies=frozenset({"sudin-sda", "dinas-sda", "mpp"}),
        now=NOW,
        **extra,
    )


def test_a_new_request_offers_acknowledge_start_and_handing_it_on() -> None:
    assert offers.offered(situation("assigned")) == ("acknowledge", "start", "update", "transfer", "reject")


def test_waiting_for_the_citizen_offers_closing_only_once_their_time_is_over() -> None:
    waiting = offers.offered(situation("info_requested", answer_by=NOW + timedelta(days=1)))
    waited_out = offers.offered(situation("info_requested", answer_by=NOW - timedelta(minutes=1)))

    assert waiting == ("withdraw_question", "resolve", "update", "transfer")
    assert waited_out == ("continue", "close_unanswered", "resolve", "update", "transfer")


def test_a_supporting_agency_is_offered_only_updates() -> None:
    assert offers.offered(situation("in_progress", role="supporting")) == ("update",)


def test_a_supervisor_reading_a_request_is_offered_nothing() -> None:
    view = {"role": "watching", "status": "assigned", "agency_code": "sudin-sda", "answer_by": None}

    assert casefile.offered(view, network(), NOW) == ()


def row(**extra: Any) -> dict[str, Any]:
    return {
        "request_id": "r1",
        "agency_code": "sudin-sda",
        "status": "assigned",
        "acknowledge_by": NOW - timedelta(hours=1),
        "resolve_by": NOW + timedelta(days=1),
        "answer_by": None,
        "escalation_step": 0,
        "deadline_kind": "acknowledge",
        "tracking_code": "DK-AAAA-BBBB",
        "service_code": "blocked-drain",
        "description": "Saluran tersumbat",
        "lat": 1.0,
        "long": 1.0,
        "address": None,
        "area_code": None,
        "urgent": False,
        "role": "watching",
        "reporters": 1,
        **extra,
    }


def test_a_queue_row_knows_where_the_request_lies_and_how_late_it_is() -> None:
    found = worklist.item(row(), network(), NOW)

    assert found.areas == ("kel-menteng", "kec-menteng", "city", "province")
    assert found.late
    assert worklist.in_area(found, "kec-menteng")
    assert not worklist.in_area(found, "elsewhere")


def test_an_escalation_reaches_a_supervisor_only_once_the_ladder_climbed_to_it() -> None:
    before = worklist.item(row(escalation_step=1), network(), NOW)
    after = worklist.item(row(escalation_step=2), network(), NOW)

    assert not worklist.reached(before, "dinas-sda", network())
    assert worklist.reached(after, "dinas-sda", network())
    assert not worklist.reached(after, "mpp", network())


def test_an_agency_supervises_every_agency_whose_ladder_climbs_through_it() -> None:
    assert supervised_by("dinas-sda", network()) == {"sudin-sda"}
    assert supervised_by("mpp", network()) == set(network().agencies) - {"mpp"}
    assert supervised_by("pmi", network()) == set()


@pytest.mark.parametrize(
    ("asked", "goes"),
    [
        ("/console/requests/x", "/console/requests/x"),
        ("https://evil.example/console/", "/console/queue"),
        ("//evil.example/console/", "/console/queue"),
        ("/console/sign-out", "/console/queue"),
        (None, "/console/queue"),
    ],
)
def test_after_signing_in_the_visitor_goes_back_only_to_a_console_page(asked: str | None, goes: str) -> None:
    assert door.back_to(signin.door(CONSOLE), asked) == goes


def test_the_console_says_the_same_things_in_indonesian_and_english() -> None:
    found = words.load("routing")

    assert words.keys(found["id"]) == words.keys(found["en"])


@pytest.mark.parametrize("language", ["id", "en"])
def test_every_console_page_renders_in_both_languages(language: str) -> None:
    item = worklist.item(row(role="lead", urgent=True, reporters=3), network(), NOW)
    view = {
        **row(role="lead", priority="urgent", privacy="public", attributes={"depth": "knee"}),
        "assigned_at": NOW,
        "photos": [{"photo_id": "p1", "content_type": "image/jpeg"}],
        "shared_identity": {"name": "Dewi"},
        "citizen_reachable": False,
        "possible_duplicates": ["r2"],
    }
    steps = casefile.timeline(
        [{"at": NOW, "kind": "status", "status": "assigned", "by": "routing", "staff": None, "text": None}],
        network(),
        {},
    )
    pages = [
        rendered(
            "dekat/sign_in.html",
            language,
            layout="console/_layout.html",
            action="/console/sign-in",
            next="/console/queue",
            username="x",
            refused=Refused("wrong", NOW),
            out=True,
        ),
        rendered(
            "queue.html",
            language,
            items=[item],
            more=True,
            chosen={"status": None, "service": None, "area": None},
            viewing=network().agencies["sudin-sda"],
            done="reject",
            statuses=("assigned", "in_progress"),
            services=[("blocked-drain", "Saluran")],
            areas=[("kec-menteng", "Menteng")],
            agencies=[("mpp", "MPP")],
        ),
        rendered("escalations.html", language, items=[item], more=False, reached={"r1"}, chosen={}),
        rendered(
            "request.html",
            language,
            view=view,
            steps=steps,
            reasons=["karena"],
            offered=offers.ACTIONS,
            targets=[("mpp", "MPP")],
            left=item.left,
            holder=network().agencies["sudin-sda"],
            place="kelurahan Menteng",
            mergeable=True,
            problems={"resolve-note": "!"},
            posted=Posted({"action": "resolve"}),
            done="acknowledge",
            with_note=offers.WITH_NOTE,
        ),
        rendered("password.html", language, problems={"current": "!"}, done=True),
        rendered(
            "team.html",
            language,
            team=[staff("admin").account],
            problems={"new-username": "!"},
            posted=Posted({"username": "x"}),
            done="added",
        ),
    ]

    assert all("<!doctype html>" in page for page in pages)
    assert "&lt;blocked-drain&gt;" in pages[1]


def test_a_request_page_names_the_area_the_request_lies_in() -> None:
    assert casefile.place(row(), network()) == "kelurahan Menteng"
    assert casefile.place(row(lat=None, long=None), network()) == ""


@pytest.mark.parametrize(("language", "page"), [("id", "/publik/instansi/"), ("en", "/public/agencies/")])
def test_the_menu_links_the_agencys_own_public_figures_in_the_consoles_language(
    language: str, page: str
) -> None:
    shown = rendered("password.html", language, problems={}, done=False)

    assert f'href="https://dekat.example.id{page}{staff().agency.code}"' in shown
