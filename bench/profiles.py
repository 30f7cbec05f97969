"""Sampling profiles (py-spy) of every service process during a run: flame graph and top frames.

py-spy reads the processes from outside (no code in them changes); `--nonblocking` keeps it from
pausing them, so what it costs them is the CPU it takes from the machine.
"""

from __future__ import annotations

import asyncio
import collections
import re
import shutil
import sys
from pathlib import Path

from bench import procs

FRAME = re.compile(r" \((?:.*/(?:site-packages|src|python3\.11)/)?(.*)\)$")


def py_spy() -> str:
    found = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    if not Path(found).exists():
        raise RuntimeError("py-spy is not installed (it is in the dev dependencies: make install)")
    return found


async def record(roles: dict[str, list[int]], seconds: int, out: Path) -> list[Path]:
    """Profile every process of every role for `seconds`; returns the summaries written."""
    everyone = procs.snapshot()
    jobs = []
    for role, roots in roles.items():
        for pid in sorted(procs.tree(roots)(everyone)):
            if "python" in everyone[pid].cmdline:
                jobs.append((f"{role}-{pid}", pid))
    running = [
        await asyncio.create_subprocess_exec(
            py_spy(), "record", "-p", str(pid), "-d", str(seconds), "-r", "100", "--nonblocking",
            "-f", "raw", "-o", str(out / f"{name}.txt"),
            stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
        )
        for name, pid in jobs
    ]  # fmt: skip
    await asyncio.gather(*(p.wait() for p in running))
    written = []
    for name, _ in jobs:
        raw = out / f"{name}.txt"
        if raw.exists():
            summary = out / f"{name}.top.txt"
            summary.write_text(top(raw.read_text()))
            written.append(summary)
    return written


def top(collapsed: str, count: int = 40) -> str:
    """The frames where the samples were, inclusive and self, as shares of all samples."""
    inclusive: collections.Counter[str] = collections.Counter()
    own: collections.Counter[str] = collections.Counter()
    total = 0
    for line in collapsed.splitlines():
        stack, _, n = line.rpartition(" ")
        frames = [FRAME.sub(r" (\1)", f) for f in stack.split(";")]
        total += int(n)
        for frame in set(frames):
            inclusive[frame] += int(n)
        own[frames[-1]] += int(n)
    lines = [f"{total} samples (100 per second while on CPU)", "", "inclusive:"]
    lines += [f"{100 * n / total:5.1f}% {f}" for f, n in inclusive.most_common(count)]
    lines += ["", "self:"] + [f"{100 * n / total:5.1f}% {f}" for f, n in own.most_common(count // 2)]
    return "\n".join(lines) + "\n"
