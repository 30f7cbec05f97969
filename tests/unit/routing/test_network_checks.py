"""A network or rule set that names what does not exist is refused before it can route anything."""

from __future__ import annotations

from typing import Any

import pytest
from routing import agencies, keys, rules

from tests.unit.routing.builders import network


def document(**agency: Any) -> dict[str, Any]:
    coordinator = {"code": "mpp", "name": "MPP", "kind": "government", "capacity": 10}
    return {
        "coordinator": "mpp",
        "agencies": [coordinator, {"code": "x", "name": "X", "capacity": 1, **agency}],
    }


@pytest.mark.parametrize(
    ("agency", "problem"),
    [
        ({"kind": "church"}, "kind must be one of"),
        ({"kind": "ngo", "supervisor": "nobody"}, "nobody"),
        ({"kind": "ngo", "calendar": "weekends"}, "no calendar named weekends"),
        ({"kind": "ngo", "calendar": {"timezone": "UTC"}}, "WIB, WITA or WIT"),
        ({"kind": "utility", "handles": [{"services": ["a"], "areas": ["mars"]}]}, "mars"),
    ],
)
def test_a_bad_agency_is_refused(agency: dict[str, Any], problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        agencies.parse(document(**agency), network().areas)


def test_a_named_calendar_is_shared_by_the_agencies_that_name_it() -> None:
    parsed = agencies.parse(
        {**document(kind="ngo", calendar="office"), "calendars": {"office": {"hours": ["09:00", "17:00"]}}}
    )

    assert parsed.agencies["x"].calendar.opens.hour == 9


def test_an_agency_survives_the_round_trip_through_its_document() -> None:
    sda = network().agencies["dinas-sda"]

    assert agencies.parse_agency(agencies.as_document(sda)) == sda


@pytest.mark.parametrize(
    ("rule_list", "problem"),
    [
        ([{"id": "a", "services": ["x"]}, {"id": "a", "services": ["y"]}], "unique: a"),
        ([{"id": "a", "services": ["x"], "lead": ["ghost"]}], "agencies that do not exist: ghost"),
        ([{"id": "a", "services": ["x"], "supporting": ["ghost"]}], "ghost"),
        ([{"id": "a", "services": ["x"], "area": "atlantis"}], "areas that do not exist: atlantis"),
        ([{"id": "a", "services": ["x"], "deadlines": {"acknowledge_hours": 0}}], "positive"),
        ([{"services": ["x"]}], "needs an id and a list of services"),
        ([{"id": "a"}], "needs an id and a list of services"),
    ],
)
def test_bad_rules_are_refused(rule_list: list[dict[str, Any]], problem: str) -> None:
    n = network()
    with pytest.raises(ValueError, match=problem):
        rules.checked(rules.parse({"rules": rule_list}), set(n.agencies), set(n.areas))


def test_a_service_deadline_applies_when_the_rule_has_none() -> None:
    rule_set = rules.parse(
        {
            "service_deadlines": {"x": {"acknowledge_hours": 1, "resolve_hours": 2}},
            "rules": [{"id": "a", "services": ["x"]}],
        }
    )

    assert rule_set.deadlines_for(rule_set.rules[0], "x").resolve_hours == 2
    assert rule_set.deadlines_for(rule_set.rules[0], "y") == rule_set.default_deadlines


def test_the_keys_file_must_hold_digests_not_keys() -> None:
    with pytest.raises(ValueError, match="digests"):
        keys.normalised_hash("demo-dinas-sda-key")


def test_a_new_key_is_random_and_names_its_agency() -> None:
    first, second = keys.new_key("pmi"), keys.new_key("pmi")

    assert first != second
    assert first.startswith("dk_pmi_")
    assert keys.digest(first) != keys.digest(second)
