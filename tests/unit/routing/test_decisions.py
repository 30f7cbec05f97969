"""Who leads, who supports, and why: `decide` over a small network (see builders.py)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from routing.decisions import Decision, Request, decide, handed_over, resumed

from tests.unit.routing.builders import (
    IN_KECAMATAN_MENTENG_ONLY,
    IN_THE_CITY_ONLY,
    IN_THE_PROVINCE_ONLY,
    OFFICE_HOURS,
    OUTSIDE,
    agency,
    network,
    request,
    rule_set,
)

NOW = datetime(2026, 3, 10, 2, 30, tzinfo=UTC)
AT_NIGHT = datetime(2026, 3, 10, 20, 47, tzinfo=UTC)
"""03:47 WIB."""
BARAT = agency("sudin-sda-barat", 40, handles={"city": ["blocked-drain"]})
BOTH_SUDIN = {
    "id": "drainage-city",
    "services": ["blocked-drain"],
    "area": "city",
    "lead": ["sudin-sda", "sudin-sda-barat"],
}
SDA_IN_OFFICE_HOURS = agency(
    "dinas-sda", 40, handles={"province": ["flooding"]}, on_call=True, calendar=OFFICE_HOURS
)
"""Works 08:00-16:00, and has on-call cover round the clock."""


@pytest.mark.parametrize(
    ("behaviour", "asked", "load", "lead", "rule_id"),
    [
        ("a rule naming one lead sends it there", request("flooding"), {}, "dinas-sda", "flooding"),
        (
            "the closest office leads although it has one more open request",
            request(),
            {"sudin-sda": 25, "dinas-sda": 24},
            "sudin-sda",
            "drainage",
        ),
        (
            "the closest office leads even when the farther one is nearly empty",
            request(),
            {"sudin-sda": 39, "dinas-sda": 0},
            "sudin-sda",
            "drainage",
        ),
        (
            "where the closest office does not reach, the next level leads",
            request(at=IN_THE_PROVINCE_ONLY),
            {},
            "dinas-sda",
            "drainage",
        ),
        (
            "a full closest office passes the request to the next level",
            request(),
            {"sudin-sda": 40, "dinas-sda": 10},
            "dinas-sda",
            "drainage",
        ),
        (
            "when every eligible office is full, the closest takes it anyway",
            request(),
            {"sudin-sda": 45, "dinas-sda": 41},
            "sudin-sda",
            "drainage",
        ),
        (
            "a rule without leads takes the closest office covering the area",
            request("missed-waste-pickup"),
            {"dinas-lh": 0, "waste4change": 20},
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
            "a full kecamatan office hands street vendors to the city's rule",
            request("street-vendor-obstruction", IN_KECAMATAN_MENTENG_ONLY),
            {"kecamatan-menteng": 20},
            "satpol-pp",
            "vendors",
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
        (
            "a request without location does not match rules for an area",
            request("blocked-drain", at=None),
            {},
            "mpp",
            None,
        ),
        (
            "an address alone is placed by its street",
            request("street-vendor-obstruction", at=None, address="depan no. 12, JL MENTENG RAYA"),
            {},
            "kecamatan-menteng",
            "vendors-menteng",
        ),
        (
            "an address alone is placed by the area names in it",
            request("street-vendor-obstruction", at=None, address="Gang Kelinci, Kel. Menteng"),
            {},
            "kecamatan-menteng",
            "vendors-menteng",
        ),
        (
            "an address that cannot be placed is not routed as if it were in the city",
            request("street-vendor-obstruction", at=None, address="Jl. Antah Berantah 9"),
            {},
            "mpp",
            None,
        ),
        (
            "an address that cannot be placed still reaches a rule that applies anywhere",
            request("id-card", at=None, address="Jl. Antah Berantah 9"),
            {},
            "dukcapil",
            "civil",
        ),
        (
            "the area the citizen chose places the request",
            request("street-vendor-obstruction", at=None, area_code="kel-menteng"),
            {},
            "kecamatan-menteng",
            "vendors-menteng",
        ),
        (
            "a point inside the network wins over the area chosen",
            request("street-vendor-obstruction", at=IN_THE_CITY_ONLY, area_code="kel-menteng"),
            {},
            "satpol-pp",
            "vendors",
        ),
        ("an unknown area goes to the coordinator", request(at=None, area_code="atlantis"), {}, "mpp", None),
        ("an unknown service goes to the coordinator", request("broken-bench"), {}, "mpp", None),
        ("a point outside every area goes to the coordinator", request("flooding", OUTSIDE), {}, "mpp", None),
        (
            "a point outside every area goes to the coordinator even for a rule without area",
            request("id-card", OUTSIDE),
            {},
            "mpp",
            None,
        ),
        (
            "an urgent request skips an agency without on-call cover",
            request("pothole", priority="urgent"),
            {},
            "mpp",
            None,
        ),
    ],
)
def test_decide(behaviour: str, asked: Request, load: dict[str, int], lead: str, rule_id: str | None) -> None:
    decision = decide(asked, rule_set(), network(), load, NOW)

    assert (decision.agency.code, decision.rule_id) == (lead, rule_id), behaviour


def test_a_blocked_drain_in_menteng_goes_to_the_suku_dinas_not_the_provincial_dinas() -> None:
    decision = decide(request(), rule_set(), network(), {"sudin-sda": 25, "dinas-sda": 24}, NOW)

    assert decision.reasons == (
        "kelurahan Menteng lies in kecamatan Menteng, Jakarta Pusat, DKI Jakarta",
        "blocked drain there is handled by Sudin SDA or Dinas SDA (rule drainage, version 7)",
        "Sudin SDA is the closest office (city) and leads ahead of Dinas SDA",
    )


@pytest.mark.parametrize(
    ("behaviour", "first_load", "second_load", "lead"),
    [
        ("equal load: the one named first", 10, 10, "sudin-sda"),
        ("17.5 points less full does not matter", 18, 11, "sudin-sda"),
        ("20 points less full matters", 18, 10, "sudin-sda-barat"),
        ("a full first one is passed over whatever the gap", 40, 39, "sudin-sda-barat"),
    ],
)
def test_load_decides_between_equally_close_offices_only_when_it_matters(
    behaviour: str, first_load: int, second_load: int, lead: str
) -> None:
    load = {"sudin-sda": first_load, "sudin-sda-barat": second_load}

    decision = decide(request(), rule_set(BOTH_SUDIN), network(BARAT), load, NOW)

    assert decision.agency.code == lead, behaviour


def test_the_reasons_say_when_load_mattered_and_when_it_did_not() -> None:
    def lead_when(load: dict[str, int]) -> Decision:
        return decide(request(), rule_set(BOTH_SUDIN), network(BARAT), load, NOW)

    close = lead_when({"sudin-sda": 12, "sudin-sda-barat": 10})
    apart = lead_when({"sudin-sda": 30, "sudin-sda-barat": 10})

    assert close.reasons[-1] == (
        "Sudin SDA leads ahead of Sudin SDA Barat, which is as close: their load differs by less than"
        " 20 points (12/40 open vs 10/40)"
    )
    assert apart.reasons[-1] == (
        "chosen over Sudin SDA, which is as close: 10/40 open vs 30/40, 50 points less full"
        " (load decides from 20 points)"
    )


def test_a_full_office_is_passed_over_and_the_reasons_say_why() -> None:
    decision = decide(request(), rule_set(), network(), {"sudin-sda": 40, "dinas-sda": 10}, NOW)

    assert "Sudin SDA is at capacity (40/40 open), so it was passed over" in decision.reasons
    assert not decision.over_capacity


def test_when_everyone_is_full_the_closest_takes_it_with_a_warning_for_operators() -> None:
    decision = decide(request(), rule_set(), network(), {"sudin-sda": 251, "dinas-sda": 252}, NOW)

    assert decision.over_capacity
    assert decision.reasons[-1] == (
        "warning: every agency that could take it is at capacity; the closest, Sudin SDA (251/40 open),"
        " takes it anyway and operators are alerted"
    )


def test_an_urgent_request_says_which_agency_had_no_on_call_cover() -> None:
    decision = decide(request("pothole", priority="urgent"), rule_set(), network(), {}, NOW)

    assert "Bina Marga has no on-call cover for urgent requests, so it is not eligible" in decision.reasons
    assert decision.reasons[-2].startswith(
        "the request is urgent and no agency the rules send pothole requests"
    )


def test_an_urgent_request_counts_its_deadlines_in_on_call_time() -> None:
    urgent = decide(
        request("flooding", priority="urgent"), rule_set(), network(SDA_IN_OFFICE_HOURS), {}, AT_NIGHT
    )
    normal = decide(request("flooding"), rule_set(), network(SDA_IN_OFFICE_HOURS), {}, AT_NIGHT)

    assert urgent.acknowledge_by == AT_NIGHT + timedelta(hours=1)
    assert normal.acknowledge_by == datetime(2026, 3, 11, 9, tzinfo=UTC)  # 08:00 WIB + 8 hours: 16:00 WIB
    assert urgent.reasons[-1] == "the request is urgent: its deadlines count Dinas SDA's on-call time"


def test_reasons_come_in_indonesian_and_english() -> None:
    decision = decide(request("flooding", priority="urgent"), rule_set(), network(), {}, NOW)

    assert decision.explanation["en"] == decision.reasons
    assert len(decision.explanation["id"]) == len(decision.reasons)
    assert (
        decision.explanation["id"][0]
        == "kelurahan Menteng terletak di kecamatan Menteng, Jakarta Pusat, DKI Jakarta"
    )
    assert decision.explanation["id"][1] == (
        "flooding di sana ditangani oleh Dinas SDA (aturan flooding-urgent, versi 7)"
        " karena permintaannya mendesak"
    )


def test_a_conditional_rule_says_which_condition_held() -> None:
    decision = decide(request("flooding", priority="urgent"), rule_set(), network(), {}, NOW)

    assert "(rule flooding-urgent, version 7) because the request is urgent" in decision.reasons[1]
    assert "supported by Pmi" in decision.reasons
    assert [a.code for a in decision.supporting] == ["pmi"]


def test_the_coordinator_fallback_says_so() -> None:
    decision = decide(request("broken-bench"), rule_set(), network(), {}, NOW)

    assert decision.outcome == "fallback"
    assert decision.reasons[-1] == (
        "no rule sends broken bench requests there to an agency that can take it,"
        " so the coordinator Mpp takes it"
    )


@pytest.mark.parametrize(
    ("asked", "first_reason"),
    [
        (
            request("flooding", OUTSIDE),
            "the location (20.00000, 20.00000) lies outside every area this network serves",
        ),
        (request(at=None, area_code="atlantis"), "the area chosen (atlantis) is not one this network knows"),
        (
            request(at=None, address="Jl. Antah Berantah 9"),
            "the address could not be placed in any area this network serves,"
            " so only rules that apply anywhere count",
        ),
        (
            request(at=None, address="Jl Menteng Raya 5"),
            "the address names Jl. Menteng Raya: kelurahan Menteng, in kecamatan Menteng,"
            " Jakarta Pusat, DKI Jakarta",
        ),
        (
            request(at=None, area_code="kec-menteng"),
            "the citizen chose kecamatan Menteng, in Jakarta Pusat, DKI Jakarta",
        ),
        (request("id-card", at=None), "no location was given, so the request is not tied to an area"),
    ],
)
def test_the_first_reason_says_where_the_request_is_and_how_that_was_found(
    asked: Request, first_reason: str
) -> None:
    assert decide(asked, rule_set(), network(), {}, NOW).reasons[0] == first_reason


def test_a_place_outside_the_network_is_left_to_the_coordinator_to_place() -> None:
    decision = decide(request("flooding", OUTSIDE), rule_set(), network(), {}, NOW)

    assert decision.reasons[-1] == "so the coordinator Mpp takes it and places it by hand"


def test_an_agency_that_rejected_it_is_not_chosen_again() -> None:
    decision = decide(request(), rule_set(), network(), {}, NOW, excluded=frozenset({"sudin-sda"}))

    assert decision.agency.code == "dinas-sda"
    assert "Sudin SDA already said it is not theirs" in decision.reasons


def test_when_every_valid_agency_rejected_it_the_coordinator_takes_it_and_the_reason_says_so() -> None:
    decision = decide(request("flooding"), rule_set(), network(), {}, NOW, excluded=frozenset({"dinas-sda"}))

    assert (decision.agency.code, decision.outcome) == ("mpp", "fallback")
    assert decision.reasons[-1] == (
        "every agency the rules send flooding requests there to has already said it is not theirs,"
        " so the coordinator Mpp takes it"
    )


def test_a_disabled_agency_is_never_chosen_nor_asked_to_support() -> None:
    sda, pmi = (replace(network().agencies[code], active=False) for code in ("dinas-sda", "pmi"))

    drain = decide(request(), rule_set(), network(sda), {"sudin-sda": 39}, NOW)
    flood = decide(request("flooding", priority="urgent"), rule_set(), network(pmi), {}, NOW)

    assert drain.agency.code == "sudin-sda"
    assert (flood.agency.code, flood.supporting) == ("dinas-sda", ())


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
    assert decision.reasons[0] == "Dinas SDA transferred it to Pmi: needs boats"


@pytest.mark.parametrize(
    ("behaviour", "asked", "target", "current_rule", "rule_id", "acknowledge_hours"),
    [
        ("the rule that sends it to the target", request("flooding", priority="urgent"), "dinas-sda", None,
         "flooding-urgent", 1),
        ("else the current rule's", request("flooding", priority="urgent"), "sudin-sda", "flooding-urgent",
         "flooding-urgent", 1),
        ("else the default", request("flooding"), "sudin-sda", None, None, 8),
    ],
)  # fmt: skip
def test_a_transfer_keeps_the_rules_deadlines(
    behaviour: str,
    asked: Request,
    target: str,
    current_rule: str | None,
    rule_id: str | None,
    acknowledge_hours: int,
) -> None:
    n = network()

    decision = handed_over(
        asked, rule_set(), n, target, n.agencies["pmi"], None, NOW, current_rule=current_rule
    )

    assert decision.rule_id == rule_id, behaviour
    assert decision.acknowledge_by == NOW + timedelta(hours=acknowledge_hours), behaviour


def test_a_transfer_of_an_urgent_request_counts_the_targets_on_call_time() -> None:
    n = network(SDA_IN_OFFICE_HOURS)
    urgent = request("flooding", priority="urgent")

    decision = handed_over(urgent, rule_set(), n, "dinas-sda", n.agencies["pmi"], None, AT_NIGHT)

    assert decision.acknowledge_by == AT_NIGHT + timedelta(hours=1)


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


def test_the_reasons_name_the_service_as_the_catalogue_does_in_each_language() -> None:
    named = replace(request("blocked-drain"), service_name={"id": "Saluran tersumbat", "en": "Blocked drain"})

    d = decide(named, rule_set(), network(), {}, NOW)

    assert any(r.startswith("Saluran tersumbat di sana ditangani oleh") for r in d.explanation["id"])
    assert any(r.startswith("Blocked drain there is handled by") for r in d.explanation["en"])
