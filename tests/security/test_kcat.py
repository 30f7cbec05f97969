"""The README's kcat commands work for an agency: read its work items, answer on its response topic."""

from __future__ import annotations

import asyncio
from pathlib import Path

from dekat import topics
from dekat.clients import Kafka

from tests.conftest import KAFKA
from tests.kafka_reader import read_all
from tests.security.conftest import A, Broker

ROOT = Path(__file__).resolve().parents[2]


def kcat_options(agency: Kafka) -> list[str]:
    return [
        *("-b", agency.bootstrap, "-X", "security.protocol=SASL_SSL", "-X", "sasl.mechanisms=SCRAM-SHA-512"),
        *(
            "-X",
            f"sasl.username={agency.username}",
            "-X",
            f"sasl.password={agency.password.get_secret_value()}",
        ),
        *("-X", f"ssl.ca.location={ROOT / str(agency.ca_file)}"),
    ]


async def kcat(agency: Kafka, *args: str, given: bytes = b"") -> tuple[int, bytes]:
    process = await asyncio.create_subprocess_exec(
        "bash",
        str(ROOT / "deploy/local/kcat.sh"),
        *kcat_options(agency),
        *args,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, _ = await asyncio.wait_for(process.communicate(given), 60)
    return process.returncode or 0, out


async def test_an_agency_reads_and_answers_with_kcat(broker: Broker) -> None:
    agency = broker.agencies[A]
    requests, responses = broker.topic(topics.agency(A)), broker.topic(topics.agency_responses(A))

    read = await kcat(agency, "-C", "-t", requests, "-o", "beginning", "-e", "-q")
    answered = await kcat(agency, "-P", "-t", responses, "-k", "req-1", given=b'{"action": "acknowledge"}\n')
    elsewhere = await kcat(agency, "-C", "-t", broker.topic(topics.CITIZENS_CONTACT), "-o", "beginning", "-e")

    assert read == (0, f"work item for {A}\n".encode())
    assert answered[0] == 0
    assert [(r.key, r.value) for r in await read_all(KAFKA, responses)][-1] == (
        b"req-1",
        b'{"action": "acknowledge"}',
    )
    assert elsewhere[0] != 0
