"""Fuzz every service from its own OpenAPI document, with every schemathesis check on.

No input may cause a 5xx, and every answer (status, headers, body) must be one the document
describes. Each service runs as a real process on a throwaway database and the real broker;
schemathesis runs its examples, coverage and fuzzing phases with `--checks all`, configured by
`tests/e2e/schemathesis.toml` (credentials per path, and the few rules no schema can say).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.e2e import fuzz_seeds
from tests.e2e.fuzzing import service_alone
from tests.e2e.stack import PORT_BASE

pytestmark = pytest.mark.e2e

CONFIG = Path(__file__).with_name("schemathesis.toml")
NOTHING_SEEDED = dict.fromkeys(
    ("FUZZ_REQUEST_ID", "FUZZ_TRACKING_CODE", "FUZZ_REPORTER_KEY", "FUZZ_PREFERENCES_TOKEN"), "none"
)
MAX_EXAMPLES = 10
"""Per operation and phase: enough to find the shapes that break, within the suite's time budget."""


def fuzzed(url: str, paths: str, report: Path, seeded: dict[str, str]) -> subprocess.CompletedProcess[str]:
    command = [
        *(sys.executable, "-m", "schemathesis.cli", "--config-file", str(CONFIG), "run"),
        f"{url}/openapi.json",
        *("--checks", "all", "--phases", "examples,coverage,fuzzing", "--workers", "1"),
        *("--max-examples", str(MAX_EXAMPLES), "--include-path-regex", paths),
        *("--generation-database", "none", "--no-color", "--request-timeout", "10"),
        *("--report", "junit", "--report-dir", str(report)),
    ]
    env = {**os.environ, **seeded}
    return subprocess.run(command, capture_output=True, text=True, timeout=900, check=False, env=env)


NUL = "a\u0000b"
NUL_PROBES: dict[str, list[tuple[str, str, dict[str, Any] | None, str]]] = {
    "intake": [
        ("GET", "/v1/requests/by-code/DK%00", None, ""),
        ("POST", "/v1/requests", {"service_code": "pothole", "description": NUL}, ""),
    ],
    "routing": [
        ("GET", "/v1/agency/requests?service=a%00b", None, "agency"),
        ("POST", "/v1/agency/requests/{FUZZ_REQUEST_ID}/actions", {"action": "update", "note": NUL},
         "agency"),
        ("PUT", "/v1/admin/rules", {"rules": [{"id": NUL, "services": ["pothole"]}]}, "admin"),
    ],
    "notify": [
        ("GET", "/v1/preferences/a%00b", None, ""),
        ("PUT", "/v1/preferences/{FUZZ_PREFERENCES_TOKEN}", {"channels": ["email"], "language": "id",
                                                            "timezone": NUL}, ""),
    ],
}  # fmt: skip
"""Requests with NUL characters (which PostgreSQL cannot store) in a path, a query and a body."""
KEYS = {"agency": "demo-dinas-bina-marga-key", "admin": "dekat-admin-demo"}


def refuses_nul(service: str, url: str, seeded: dict[str, str]) -> None:
    for method, path, body, key in NUL_PROBES[service]:
        headers = {"X-API-Key": KEYS[key]} if key else {}
        answer = httpx.request(method, url + path.format(**seeded), json=body, headers=headers, timeout=10)
        assert 400 <= answer.status_code < 500, (method, path, answer.text)


def assert_clean(run: subprocess.CompletedProcess[str]) -> None:
    assert run.returncode == 0, run.stdout[-20_000:] + run.stderr[-2_000:]


@pytest.mark.parametrize(
    ("service", "offset", "paths", "settings"),
    [
        ("intake", 50, "^/(v1|open311|health)/", {"DEKAT_RATE_LIMIT_EXEMPT": "127.0.0.0/8"}),
        ("routing", 51, "^/(v1|health)/", {"DEKAT_CLOCK_ADJUSTABLE": "true"}),
        ("notify", 52, "^/(v1|health)/", {}),
    ],
)
def test_every_answer_is_one_the_document_describes(
    service: str, offset: int, paths: str, settings: dict[str, str], tmp_path: Path
) -> None:
    with service_alone(service, PORT_BASE + offset, tmp_path / f"{service}.log", settings) as running:
        seeded = {**NOTHING_SEEDED, **fuzz_seeds.SEEDS[service](running)}
        assert_clean(fuzzed(running.url, paths, tmp_path / "report", seeded))
        refuses_nul(service, running.url, seeded)
