"""notify's tables in a throwaway database."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from dekat import db
from dekat.db import Pool


@pytest.fixture
async def pool(database: str) -> AsyncIterator[Pool]:
    created = await db.create_pool(database)
    await db.migrate(created, ["notify"])
    try:
        yield created
    finally:
        await created.close()
