"""Who may do what on Kafka (`dekat.acls`): least privilege, checked on the list itself."""

from __future__ import annotations

import pytest
from dekat import acls, topics

NS = "e2e-1234."


def names(bindings: list[acls.Binding], operation: str) -> set[str]:
    return {b.name for b in bindings if b.operation == operation and b.resource == "TOPIC"}


def test_only_intake_writes_and_only_notify_reads_citizens_contact_details() -> None:
    every = acls.namespace_bindings(NS)
    contact = NS + topics.CITIZENS_CONTACT

    readers = {b.principal for b in every if b.name == contact and b.operation == "READ"}
    writers = {b.principal for b in every if b.name == contact and b.operation == "WRITE"}

    assert readers == {"User:svc-notify"}
    assert writers == {"User:svc-intake", "User:svc-notify"}  # notify: only to replay its DLQ


def test_routing_never_touches_citizens_contact_details() -> None:
    contact = NS + topics.CITIZENS_CONTACT

    def covers(b: acls.Binding) -> bool:
        return b.name == contact if b.pattern == "LITERAL" else contact.startswith(b.name)

    assert not [b for b in acls.service_bindings("routing", NS) if b.resource == "TOPIC" and covers(b)]


def test_intake_produces_requests_contacts_and_feedback_and_reads_what_it_consumes() -> None:
    intake = acls.service_bindings("intake", NS)

    assert names(intake, "WRITE") == {
        NS + t
        for t in (
            topics.REQUESTS_SUBMITTED,
            topics.CITIZENS_CONTACT,
            topics.REQUESTS_FEEDBACK,
            topics.dlq(topics.REQUESTS_ASSIGNED),
            topics.dlq(topics.REQUESTS_STATUS),
            topics.dlq(topics.NETWORK_AREAS),
            topics.dlq(topics.NETWORK_AGENCIES),
            topics.dlq(topics.REQUESTS_SUBMITTED),
            topics.dlq(topics.REQUESTS_FEEDBACK),
        )
    }
    # The public projection folds what intake published itself beside what it is told.
    consumed = (
        topics.REQUESTS_ASSIGNED,
        topics.REQUESTS_STATUS,
        topics.NETWORK_AREAS,
        topics.NETWORK_AGENCIES,
        topics.REQUESTS_SUBMITTED,
        topics.REQUESTS_FEEDBACK,
    )
    assert names(intake, "READ") == {NS + t for t in consumed}


@pytest.mark.parametrize("service", sorted(acls.SERVICES))
def test_each_service_joins_only_its_own_consumer_groups(service: str) -> None:
    groups = [b for b in acls.service_bindings(service, NS) if b.resource == "GROUP"]

    assert [(g.pattern, g.name, g.operation) for g in groups] == [("PREFIXED", f"{NS}{service}.", "READ")]


def test_an_agency_reads_its_work_items_in_its_groups_and_writes_only_its_responses() -> None:
    bindings = acls.agency_bindings("dinas-sda", NS)

    assert {(b.resource, b.pattern, b.name, b.operation) for b in bindings} == {
        ("TOPIC", "LITERAL", NS + "agency.dinas-sda.requests.v1", "READ"),
        ("TOPIC", "LITERAL", NS + "agency.dinas-sda.responses.v1", "WRITE"),
        ("GROUP", "PREFIXED", NS + "agency.dinas-sda.", "READ"),
    }
    assert {b.principal for b in bindings} == {f"User:{NS}agency-dinas-sda"}


def test_no_service_or_agency_may_alter_the_cluster_only_the_provisioner() -> None:
    every = [*acls.namespace_bindings(NS), *acls.agency_bindings("x", NS), *acls.provisioner_bindings()]

    assert {b.principal for b in every if b.resource == "CLUSTER"} == {"User:svc-routing-admin"}


@pytest.mark.parametrize(
    ("code", "valid"),
    [
        ("dinas-sda", True),
        ("waste4change", True),
        ("a.b", False),
        ("Dinas", False),
        ("-x", False),
        ("x", False),
    ],
)
def test_an_agency_code_cannot_widen_another_agencys_group_prefix(code: str, valid: bool) -> None:
    assert acls.valid_agency_code(code) is valid


def test_demo_passwords_follow_the_readme() -> None:
    assert acls.demo_password("dekat-admin") == "dekat-admin-demo-kafka"
    assert acls.demo_password("agency-dinas-sda") == "demo-dinas-sda-kafka"
    assert acls.demo_password("svc-routing") == "svc-routing-demo-kafka"
