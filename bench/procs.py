"""CPU seconds and peak RSS of process groups, read from /proc while a run goes on.

A group is its root processes and all their descendants (uvicorn's workers), or every process
whose command line matches (Kafka, PostgreSQL backends of the run's databases). CPU is counted
from each process's first sighting, so a group's figure is its CPU during the run.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")

Members = Callable[[dict[int, "Proc"]], set[int]]


@dataclass(frozen=True)
class Proc:
    pid: int
    ppid: int
    cpu_seconds: float
    rss_bytes: int
    cmdline: str


def read(pid: int) -> Proc | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        statm = Path(f"/proc/{pid}/statm").read_text().split()
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return None
    fields = stat.rpartition(")")[2].split()  # after "(comm)", which may hold spaces
    cpu = (int(fields[11]) + int(fields[12])) / TICKS
    return Proc(pid, int(fields[1]), cpu, int(statm[1]) * PAGE, cmdline)


def snapshot() -> dict[int, Proc]:
    found = (read(int(d)) for d in os.listdir("/proc") if d.isdigit())
    return {p.pid: p for p in found if p is not None}


def tree(roots: list[int]) -> Members:
    def members(procs: dict[int, Proc]) -> set[int]:
        found = {pid for pid in roots if pid in procs}
        while grown := {p.pid for p in procs.values() if p.ppid in found and p.pid not in found}:
            found |= grown
        return found

    return members


def matching(*words: str) -> Members:
    """Processes whose command line holds every one of `words`."""

    def members(procs: dict[int, Proc]) -> set[int]:
        return {p.pid for p in procs.values() if all(w in p.cmdline for w in words)}

    return members


def listening_inodes(port: int) -> set[str]:
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if fields[3] == "0A" and int(fields[1].rsplit(":", 1)[1], 16) == port:  # 0A: LISTEN
                inodes.add(fields[9])
    return inodes


def listener(port: int) -> int | None:
    """The process listening on `port` (Kafka's, PostgreSQL's): the one the run talks to."""
    sockets = {f"socket:[{inode}]" for inode in listening_inodes(port)}
    for pid in (int(d) for d in os.listdir("/proc") if d.isdigit()):
        try:
            if any(os.readlink(f"/proc/{pid}/fd/{fd}") in sockets for fd in os.listdir(f"/proc/{pid}/fd")):
                return pid
        except OSError:
            continue
    return None


def any_of(*alternatives: Members) -> Members:
    def members(procs: dict[int, Proc]) -> set[int]:
        return set().union(*(m(procs) for m in alternatives))

    return members


@dataclass
class Usage:
    first_cpu: dict[int, float] = field(default_factory=dict)
    last_cpu: dict[int, float] = field(default_factory=dict)
    peak_rss: int = 0
    peak_rss_one: int = 0
    """Of the largest single process (a group of several, e.g. two instances, sums in `peak_rss`)."""
    peak_processes: int = 0

    def add(self, procs: list[Proc]) -> None:
        for p in procs:
            self.first_cpu.setdefault(p.pid, p.cpu_seconds)
            self.last_cpu[p.pid] = p.cpu_seconds
        self.peak_rss = max(self.peak_rss, sum(p.rss_bytes for p in procs))
        self.peak_rss_one = max([self.peak_rss_one, *(p.rss_bytes for p in procs)])
        self.peak_processes = max(self.peak_processes, len(procs))

    @property
    def cpu_seconds(self) -> float:
        return sum(self.last_cpu[pid] - self.first_cpu[pid] for pid in self.last_cpu)


class Sampler:
    """Samples every group every `every` seconds until stopped.

    Who belongs to a group is looked up in all of /proc only every `rescan` samples (PostgreSQL
    backends and uvicorn workers come and go rarely); in between only the members are read, so
    watching costs little of the CPU it measures.
    """

    def __init__(self, groups: dict[str, Members], every: float = 0.5, rescan: int = 10) -> None:
        self.groups = groups
        self.every = every
        self.rescan = rescan
        self.usage = {name: Usage() for name in groups}
        self.members: dict[str, set[int]] = {}
        self.samples = 0

    def sample(self) -> None:
        if self.samples % self.rescan == 0:
            everyone = snapshot()
            self.members = {name: members(everyone) for name, members in self.groups.items()}
        self.samples += 1
        for name, pids in self.members.items():
            self.usage[name].add([p for p in map(read, pids) if p is not None])

    async def run(self) -> None:
        while True:
            self.sample()
            await asyncio.sleep(self.every)

    def result(self) -> dict[str, dict[str, float]]:
        return {
            name: {
                "cpu_seconds": round(u.cpu_seconds, 2),
                "peak_rss_mib": round(u.peak_rss / 2**20, 1),
                "peak_rss_mib_largest_process": round(u.peak_rss_one / 2**20, 1),
                "processes": u.peak_processes,
            }
            for name, u in self.usage.items()
        }
