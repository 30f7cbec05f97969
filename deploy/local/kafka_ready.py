"""Exit 0 when a Kafka broker answers a metadata round trip, 1 otherwise.

Used by deploy/local/kafka.sh to poll readiness:

    python deploy/local/kafka_ready.py --bootstrap 127.0.0.1:9092 [--timeout 5]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys

from aiokafka.admin import AIOKafkaAdminClient


async def probe(bootstrap: str, limit_s: float) -> bool:
    admin = AIOKafkaAdminClient(
        bootstrap_servers=bootstrap,
        request_timeout_ms=int(limit_s * 1000),
        client_id="dekat-kafka-ready",
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
    parser.add_argument("--bootstrap", default="127.0.0.1:9092")
    parser.add_argument("--timeout", type=float, default=5.0, help="seconds per attempt")
    args = parser.parse_args()
    logging.basicConfig(level=logging.CRITICAL)  # aiokafka logs every refused connection
    return 0 if asyncio.run(probe(args.bootstrap, args.timeout)) else 1


if __name__ == "__main__":
    sys.exit(main())
