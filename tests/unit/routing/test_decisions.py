"""Who leads, who supports, and why: `decide` over a small network (see builders.py)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from routing.decisions import Request, decide, handed_over, resumed

from tests.unit.routing.builders import (
    IN_KECAMATAN_MENTENG_ONLY,
    IN_THE_CITY_ONLY,
    OUTSIDE,
    network,
    request,
    rule_set,
)

NOW = datetime(2026, 3, 10, 2, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("behaviour", "asked", "load", "lead", "rule_id"),
    [
        ("a rule naming one lead sends it there", request("flooding"), {}, "dinas-sda", "flooding"),
        (
            "equally valid leads: the one with most spare capacity",
            request(),
            {"sudin-sda": 30},
            "dinas-sda",
            "drainage",
        ),
        ("equally valid leads, equal spare: the one named first", request(), {}, "sudin-sda", "drainage"),
        (
            "full agencies still count, least full wins",
            request(),
            {"sudin-sda": 45, "dinas-sda": 41},
            "dinas-sda",
            "drainage",
        ),
        (
            "a rule without leads takes whoever covers the area",
            request("missed-waste-pickup"),
            {"dinas-lh": 40},
            "waste4change",
            "waste",
        ),
        (
            "coverage outside the agency's area does not count",
            request("missed-waste-pickup", IN_THE_CITY_ONLY),
            {"dinas-lh": 49},
            "dinas-lh",
            "waste",
        ),
        (
            "the kecamatan rule beats the city rule",
            request("street-vendor-obstruction", IN_KECAMATAN_MENTENG_ONLY),
            {},
            "kecamatan-menteng",
            "vendors-menteng",
        ),
        (
            "outside the kecamatan the city rule applies",
            request("street-vendor-obstruction", IN_THE_CITY_ONLY),
            {},
            "satpol-pp",
            "vendors",
        ),
        (
            "a priority condition beats an unconditional rule",
            request("flooding", priority="urgent"),
            {},
            "dinas-sda",
            "flooding-urgent",
        ),
        (
            "an attribute condition beats an unconditional rule",
            request("flooding", depth="waist"),
            {},
            "dinas-sda",
            "flooding-deep",
        ),
        (
            "a condition that does not hold is skipped",
            request("flooding", depth="ankle"),
            {},
            "dinas-sda",
            "flooding",
        ),
        (
            "a request without location matches rules without area",
            request("id-card", at=None),
            {},
            "dukcapil",
            "civil",
        ),
        ("an unknown service goes to the coordinator", request("broken-bench"), {}, "mpp", None),
        ("a point outside every area goes to the coordinator", request("flooding", OUTSIDE), {}, "mpp", None),
    ],
)
def test_decide(behaviour: str, asked: Request, load: dict[str, int], lead: str, rule_id: str | None) -> None:
    decision = decide(asked, rule_set(), network(), load, NOW)

    assert (decision.agency.code, decision.rule_id) == (lead, rule_id), behaviour


def test_reasons_say_where_who_and_why_this_one_in_order() -> None:
    decision = decide(request(), rule_set(), network(), {"sudin-sda": 12, "dinas-sda": 38}, NOW)

    assert decision.reasons == (
        "kelurahan Menteng lies in kecamatan Menteng, Jakarta Pusat",
        "blocked drain there is handled by Sudin SDA or Dinas SDA (rule drainage, version 7)",
        "chosen over Dinas SDA: 12/40 open vs 38/40",
    )


def test_a_conditional_rule_says_which_condition_held() -> None:
    decision = decide(request("flooding", priority="urgent"), rule_set(), network(), {}, NOW)

    assert "(rule flooding-urgent, version 7) because the request is urgent" in decision.reasons[1]
    assert decision.reasons[-1] == "supported by Pmi"
    assert [a.code for a in decision.supporting] == ["pmi"]


def test_the_coordinator_fallback_says_so() -> None:
    decision = decide(request("broken-bench"), rule_set(), network(), {}, NOW)

    assert decision.outcome == "fallback"
    assert decision.reasons[-1] == (
        "no rule sends broken bench requests there to an agency that can take it,"
        " so the coordinator Mpp takes it"
    )


def test_a_location_outside_the_network_is_named_as_such() -> None:
    decision = decide(request("flooding", OUTSIDE), rule_set(), network(), {}, NOW)

    assert decision.reasons[0] == "the location lies outside every area this network serves"


def test_an_agency_that_rejected_it_is_not_chosen_again() -> None:
    decision = decide(request(), rule_set(), network(), {}, NOW, excluded=frozenset({"sudin-sda"}))

    assert decision.agency.code == "dinas-sda"
    assert "Sudin SDA already said it is not theirs" in decision.reasons


def test_when_every_valid_agency_rejected_it_the_coordinator_takes_it() -> None:
    decision = decide(request("flooding"), rule_set(), network(), {}, NOW, excluded=frozenset({"dinas-sda"}))

    assert (decision.agency.code, decision.outcome) == ("mpp", "fallback")


def test_a_rule_naming_an_unknown_agency_falls_through_to_the_next_rule() -> None:
    ghost = {"id": "ghost", "services": ["flooding"], "area": "kel-menteng", "lead": ["gone"]}

    decision = decide(request("flooding"), rule_set(ghost), network(), {}, NOW)

    assert decision.rule_id == "flooding"


def test_the_rule_version_is_recorded() -> None:
    decision = decide(request(), rule_set(version=42), network(), {}, NOW)

    assert decision.rule_version == 42


def test_deadlines_come_from_the_rule_and_count_working_time() -> None:
    decision = decide(request("flooding", priority="urgent"), rule_set(), network(), {}, NOW)

    assert decision.acknowledge_by == NOW + timedelta(hours=1)
    assert decision.resolve_by == NOW + timedelta(hours=6)


def test_without_rule_deadlines_the_default_applies() -> None:
    decision = decide(request("flooding"), rule_set(), network(), {}, NOW)

    assert decision.acknowledge_by == NOW + timedelta(hours=8)
    assert decision.resolve_by == NOW + timedelta(hours=72)


def test_a_transfer_names_who_passed_it_on() -> None:
    n = network()

    decision = handed_over(request(), rule_set(), n, "pmi", n.agencies["dinas-sda"], "needs boats", NOW)

    assert decision.agency.code == "pmi"
    assert decision.reasons == ("Dinas SDA transferred it to Pmi: needs boats",)


def test_time_spent_waiting_for_the_citizen_moves_the_resolve_deadline_on() -> None:
    holder = network().agencies["dinas-sda"]
    resolve_by = NOW + timedelta(hours=10)

    moved = resumed(
        resolve_by, paused_at=NOW + timedelta(hours=1), now=NOW + timedelta(hours=4), holder=holder
    )

    assert moved == resolve_by + timedelta(hours=3)


def test_without_a_pause_the_resolve_deadline_stays() -> None:
    holder = network().agencies["dinas-sda"]

    assert resumed(NOW, paused_at=None, now=NOW + timedelta(hours=4), holder=holder) == NOW
