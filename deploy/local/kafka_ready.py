"""Exit 0 when a Kafka broker answers a metadata round trip, 1 otherwise.

Used by deploy/local/kafka.sh to poll readiness, as the principal of the `DEKAT_KAFKA_*` settings:

    python deploy/local/kafka_ready.py [--bootstrap 127.0.0.1:9094] [--timeout 5]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from dataclasses import replace

from aiokafka.admin import AIOKafkaAdminClient
from dekat.clients import Kafka
from dekat.settings import CommonSettings


async def probe(kafka: Kafka, limit_s: float) -> bool:
    admin = AIOKafkaAdminClient(
        **kafka.aiokafka(), request_timeout_ms=int(limit_s * 1000), client_id="dekat-kafka-ready"
    )
    try:
        await asyncio.wait_for(admin.start(), limit_s)
        cluster = await asyncio.wait_for(admin.describe_cluster(), limit_s)
    except Exception:
        return False
    finally:
        await admin.close()
    brokers = cluster.get("brokers") or []
    return cluster.get("controller_id", -1) >= 0 and len(brokers) > 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bootstrap", help="default: DEKAT_KAFKA_BOOTSTRAP")
    parser.add_argument("--timeout", type=float, default=5.0, help="seconds per attempt")
    args = parser.parse_args()
    logging.basicConfig(level=logging.CRITICAL)  # aiokafka logs every refused connection
    kafka = Kafka.of(CommonSettings())
    if args.bootstrap:
        kafka = replace(kafka, bootstrap=args.bootstrap)
    return 0 if asyncio.run(probe(kafka, args.timeout)) else 1


if __name__ == "__main__":
    sys.exit(main())
