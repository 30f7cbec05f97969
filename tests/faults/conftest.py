"""The fault table is printed at the end of every run that ran the fault suite."""

from __future__ import annotations

import pytest

TABLE = pytest.StashKey[str]()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    table = config.stash.get(TABLE, None)
    if table is not None:
        terminalreporter.section("fault suite: what the outside world received")
        terminalreporter.write_line(table)
