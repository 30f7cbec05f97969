"""Fixtures shared by the end-to-end modules: each module gets its own running instance."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.integration.notify.running import Notify, notify_running


@pytest.fixture(scope="module")
async def notify(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Notify]:
    """notify as a real process, with its own database and the fake provider."""
    async with notify_running(tmp_path_factory.mktemp("notify")) as running:
        yield running
