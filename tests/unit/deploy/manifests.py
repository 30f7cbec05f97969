"""The Kubernetes manifests of deploy/k8s, read offline: the base, the local overlay as
kustomize builds it (`kubectl kustomize`, when kubectl is here), and the generator."""

from __future__ import annotations

import functools
import importlib.util
import shutil
import subprocess
from pathlib import Path
from types import ModuleType
from typing import Any

import yaml
from pydantic_settings import BaseSettings

ROOT = Path(__file__).resolve().parents[3]
K8S = ROOT / "deploy/k8s"
SERVICES = ("intake", "routing", "notify")
Manifest = dict[str, Any]


@functools.cache
def generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("k8s_generate", K8S / "generate.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def documents(folder: Path) -> list[Manifest]:
    """Every resource a kustomization lists (files only, not other kustomizations)."""
    listed = yaml.safe_load((folder / "kustomization.yaml").read_text())["resources"]
    files = [folder / r for r in listed if (folder / r).is_file()]
    return [d for f in files for d in yaml.safe_load_all(f.read_text()) if d]


@functools.cache
def base() -> tuple[Manifest, ...]:
    return tuple(documents(K8S / "base"))


@functools.cache
def local() -> tuple[Manifest, ...] | None:
    """The local overlay as `kubectl kustomize` builds it; None without kubectl."""
    if shutil.which("kubectl") is None:
        return None
    built = subprocess.run(
        ["kubectl", "kustomize", str(K8S / "overlays/local")], capture_output=True, text=True, check=True
    )
    return tuple(d for d in yaml.safe_load_all(built.stdout) if d)


def of_kind(found: tuple[Manifest, ...], kind: str) -> dict[str, Manifest]:
    return {d["metadata"]["name"]: d for d in found if d["kind"] == kind}


def container(deployment: Manifest) -> Manifest:
    [only] = deployment["spec"]["template"]["spec"]["containers"]
    found: Manifest = only
    return found


def environment(service: str, found: tuple[Manifest, ...]) -> dict[str, Any]:
    """Every variable the service's container gets: its ConfigMap's, then its own `env`."""
    c = container(of_kind(found, "Deployment")[service])
    maps = of_kind(found, "ConfigMap")
    shared = {
        k: v for ref in c.get("envFrom", []) for k, v in maps[ref["configMapRef"]["name"]]["data"].items()
    }
    return {**shared, **{e["name"]: e.get("value", e.get("valueFrom")) for e in c.get("env", [])}}


def settings_of(service: str) -> type[BaseSettings]:
    module = __import__(f"{service}.config", fromlist=["Settings"])
    found: type[BaseSettings] = module.Settings
    return found
