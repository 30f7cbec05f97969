"""The three services (and a second routing and notify) as processes on the suite's own
infrastructure: started, killed with SIGKILL, stopped, restarted."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from dataclasses import dataclass, field
from pathlib import Path

from tests.faults import infra
from tests.faults.infra import PORT_BASE, Infra

PORTS = {"intake": PORT_BASE + 61, "routing": PORT_BASE + 62, "notify": PORT_BASE + 64}
SECOND = {"routing": PORT_BASE + 63, "notify": PORT_BASE + 65}
NOTIFY_URL = f"http://127.0.0.1:{PORTS['notify']}"
"""Where the fake provider posts its receipts: the first notify (the second shares its database)."""


@dataclass
class Service:
    name: str
    module: str
    port: int
    env: dict[str, str]
    log: Path
    process: asyncio.subprocess.Process | None = None
    restarts: int = field(default=0)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def start(self) -> None:
        self.process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            self.module,
            cwd=infra.ROOT,
            env=self.env,
            stdout=self.log.open("ab"),
            stderr=asyncio.subprocess.STDOUT,
        )
        await infra.until_ok(f"{self.url}/health/ready", self.process, self.log, timeout=120)

    async def kill(self) -> None:
        """SIGKILL: no shutdown, no last commit, as a crash or the OOM killer leaves it."""
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        await self.process.wait()

    async def stop(self) -> None:
        """SIGTERM: a graceful leave (consumers leave their groups, in-flight work finishes)."""
        if self.process is not None and self.process.returncode is None:
            self.process.terminate()
            await self.process.wait()

    async def restart(self) -> None:
        self.restarts += 1
        await self.start()


def environment(service: str, port: int, dsn: str, i: Infra) -> dict[str, str]:
    return {
        **os.environ,
        "DEKAT_DATABASE_URL": dsn,
        "DEKAT_HTTP_PORT": str(port),
        **infra.service_kafka_env(i, service),
        "DEKAT_NAMESPACE": "",
        "DEKAT_PUBLIC_URL": f"http://127.0.0.1:{PORTS['intake']}",
        "DEKAT_OUTBOX_POLL_SECONDS": "0.5",
        "DEKAT_QUIET_HOURS": "",  # messages flow at any hour: the ledger expects each change told at once
        "DEKAT_RATE_LIMIT_EXEMPT": "127.0.0.0/8",
        "DEKAT_SMTP_PORT": str(infra.SMTP_PORT),
        "DEKAT_SMS_PROVIDER_URL": i.provider_url,
        "DEKAT_WHATSAPP_PROVIDER_URL": i.provider_url,
        "DEKAT_NOTIFY_URL": NOTIFY_URL,
        "DEKAT_CALLBACK_SECRET": infra.CALLBACK_SECRET,
        "DEKAT_DISPATCH_POLL_SECONDS": "0.5",
        "DEKAT_SEND_LEASE_SECONDS": "20",  # what a killed notify held is sent again after 20 s, not 60
        "DEKAT_DISPATCH_WORKERS": "4",
        "DEKAT_CONSUMER_WORKERS": "1",  # a group's members are its instances: rebalances stay short
        "DEKAT_LOG_LEVEL": os.environ.get("DEKAT_FAULTS_LOG_LEVEL", "WARNING"),
        "DEKAT_RETRY_FIRST_SECONDS": "1",
        "DEKAT_RETRY_MAX_SECONDS": "5",
        "DEKAT_MAX_ATTEMPTS": "60",
        "DEKAT_RECONNECT_MAX_SECONDS": "2",
    }


@dataclass
class Stack:
    infra: Infra
    services: dict[str, Service]
    """`intake`, `routing`, `notify`, and the second instances `routing-2`, `notify-2` (not started)."""

    def __getitem__(self, name: str) -> Service:
        return self.services[name]

    def running(self) -> list[Service]:
        return [s for s in self.services.values() if s.process is not None and s.process.returncode is None]

    async def stop(self) -> None:
        await asyncio.gather(*(s.stop() for s in self.running()))


async def stack_of(i: Infra, tmp: Path) -> Stack:
    """Databases made, processes described; `start` the ones to run."""
    services: dict[str, Service] = {}
    for name, port in PORTS.items():
        dsn = await infra.create_database(i, f"faults_{name}")
        services[name] = Service(name, name, port, environment(name, port, dsn, i), tmp / f"{name}.log")
        if name in SECOND:
            env = environment(name, SECOND[name], dsn, i)
            services[f"{name}-2"] = Service(f"{name}-2", name, SECOND[name], env, tmp / f"{name}-2.log")
    return Stack(i, services)
