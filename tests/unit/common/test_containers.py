"""Containers run as an unprivileged user: every image built from deploy/Dockerfile ends as the
user it creates, and docker-compose runs each of them so, with a read-only root filesystem."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[3]
ROOTS = {"root", "0", "0:0", "root:root"}


def stages() -> dict[str, list[tuple[str, str]]]:
    """Each stage of the Dockerfile: its (instruction, arguments), continuation lines joined."""
    text = re.sub(r"\\\n", " ", (ROOT / "deploy/Dockerfile").read_text())
    found: dict[str, list[tuple[str, str]]] = {}
    current: list[tuple[str, str]] = []
    for line in (raw.strip() for raw in text.splitlines()):
        if not line or line.startswith("#"):
            continue
        instruction, _, rest = line.partition(" ")
        if instruction.upper() == "FROM":
            current = found.setdefault(rest.split()[-1], [])
        current.append((instruction.upper(), rest))
    return found


def compose() -> dict[str, Any]:
    services: dict[str, Any] = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    return services


def test_the_base_image_creates_an_unprivileged_user_with_a_fixed_uid() -> None:
    runs = " ".join(rest for instruction, rest in stages()["base"] if instruction == "RUN")
    assert "useradd --system --uid 10001" in runs


def test_every_image_that_runs_ends_as_that_user_after_its_last_build_step() -> None:
    for name in ("smtp", "service"):
        steps = [instruction for instruction, _ in stages()[name]]
        users = [rest for instruction, rest in stages()[name] if instruction == "USER"]
        assert users[-1:] == ["10001:10001"], name
        assert max(i for i, s in enumerate(steps) if s == "RUN") < max(
            i for i, s in enumerate(steps) if s == "USER"
        )


def test_compose_runs_every_image_of_ours_unprivileged_and_read_only() -> None:
    ours = {name: s for name, s in compose().items() if "build" in s}
    assert set(ours) >= {"intake", "routing", "notify", "smtp", "provider", "kafka-setup"}
    for name, service in ours.items():
        assert str(service.get("user")) not in ROOTS | {"None"}, name
        assert service.get("read_only") is True, name
        assert service.get("cap_drop") == ["ALL"], name
