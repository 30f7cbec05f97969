"""The broker itself enforces who is who and who may do what (`dekat.acls`), against the real Kafka."""

from __future__ import annotations

from dataclasses import replace

import pytest
from aiokafka.errors import GroupAuthorizationFailedError, TopicAuthorizationFailedError
from dekat import acls, topics
from dekat.clients import Kafka

from tests.conftest import KAFKA
from tests.kafka_reader import read_all
from tests.security.clients import connects, first_value, send
from tests.security.conftest import A, B, Broker


def as_service(service: str) -> Kafka:
    return KAFKA.as_user(acls.user(service), acls.demo_password(acls.user(service)))


async def test_a_client_without_credentials_is_refused(broker: Broker) -> None:
    agency = broker.agencies[A]

    assert await connects(agency)
    assert not await connects(replace(KAFKA, security_protocol="PLAINTEXT"))
    assert not await connects(agency.as_user(agency.username, "not-the-password"))
    assert not await connects(KAFKA.as_user(f"{broker.namespace}agency-nobody", "guess"))
    assert not await connects(replace(agency, security_protocol="SASL_PLAINTEXT"))  # TLS is required
    assert not await connects(replace(agency, ca_file=None))  # the broker is checked against our CA


async def test_an_agency_reads_its_work_items_and_answers_on_its_response_topic(broker: Broker) -> None:
    agency = broker.agencies[A]

    work_item = await first_value(agency, broker.topic(topics.agency(A)), broker.group(A))
    await send(agency, broker.topic(topics.agency_responses(A)), b"acknowledged")

    assert work_item == f"work item for {A}".encode()
    answers = await read_all(KAFKA, broker.topic(topics.agency_responses(A)))
    assert [r.value for r in answers] == [b"acknowledged"]


async def test_an_agency_cannot_read_another_agencys_work_items(broker: Broker) -> None:
    with pytest.raises(TopicAuthorizationFailedError):
        await first_value(broker.agencies[A], broker.topic(topics.agency(B)), broker.group(A))


async def test_an_agency_cannot_read_citizens_contact_details(broker: Broker) -> None:
    with pytest.raises(TopicAuthorizationFailedError):
        await first_value(broker.agencies[A], broker.topic(topics.CITIZENS_CONTACT), broker.group(A))


async def test_an_agency_cannot_answer_on_another_agencys_response_topic(broker: Broker) -> None:
    with pytest.raises(TopicAuthorizationFailedError):
        await send(broker.agencies[A], broker.topic(topics.agency_responses(B)), b"resolved")

    assert await read_all(KAFKA, broker.topic(topics.agency_responses(B))) == []


async def test_an_agency_cannot_write_work_items_not_even_its_own(broker: Broker) -> None:
    with pytest.raises(TopicAuthorizationFailedError):
        await send(broker.agencies[A], broker.topic(topics.agency(A)), b"forged work item")


async def test_an_agency_cannot_join_another_agencys_consumer_groups(broker: Broker) -> None:
    with pytest.raises(GroupAuthorizationFailedError):
        await first_value(broker.agencies[A], broker.topic(topics.agency(A)), broker.group(B))


async def test_an_agency_cannot_use_a_group_outside_its_prefix(broker: Broker) -> None:
    with pytest.raises(GroupAuthorizationFailedError):
        await first_value(broker.agencies[A], broker.topic(topics.agency(A)), broker.namespace + "routing.x")


async def test_routings_principal_cannot_read_citizens_contact_details(broker: Broker) -> None:
    with pytest.raises(TopicAuthorizationFailedError):
        await first_value(
            as_service("routing"), broker.topic(topics.CITIZENS_CONTACT), broker.namespace + "routing.peek"
        )


async def test_notify_reads_citizens_contact_details_in_its_own_groups_only(broker: Broker) -> None:
    notify = as_service("notify")
    contact = broker.topic(topics.CITIZENS_CONTACT)

    assert await first_value(notify, contact, broker.namespace + "notify.contact") != b""
    with pytest.raises(GroupAuthorizationFailedError):
        await first_value(notify, contact, broker.namespace + "intake.contact")


async def test_intake_cannot_forge_status_changes(broker: Broker) -> None:
    with pytest.raises(TopicAuthorizationFailedError):
        await send(as_service("intake"), broker.topic(topics.REQUESTS_STATUS), b"{}")
