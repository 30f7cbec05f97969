"""Migrations are applied once each, and an applied one that was edited stops the service."""

from __future__ import annotations

import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import asyncpg
import pytest
from dekat import db


@pytest.fixture
def package(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A throwaway package with one migration; (its name, its migrations folder)."""
    name = f"migrating_{uuid.uuid4().hex[:8]}"
    folder = tmp_path / name / "migrations"
    folder.mkdir(parents=True)
    (tmp_path / name / "__init__.py").write_text("")
    (folder / "0001_notes.sql").write_text("CREATE TABLE notes (id int PRIMARY KEY);\n")
    sys.path.insert(0, str(tmp_path))
    try:
        yield name, folder
    finally:
        sys.path.remove(str(tmp_path))


async def test_a_migration_is_applied_once_with_its_checksum(
    database: str, package: tuple[str, Path]
) -> None:
    name, _ = package
    pool = await db.create_pool(database)
    try:
        assert await db.migrate(pool, [name]) == [f"{name}/0001_notes.sql"]
        assert await db.migrate(pool, [name]) == []
        stored = await pool.fetchval(
            "SELECT checksum FROM schema_migrations WHERE name = $1", f"{name}/0001_notes.sql"
        )
    finally:
        await pool.close()
    assert stored == db.checksum("CREATE TABLE notes (id int PRIMARY KEY);\n")


async def test_an_applied_migration_edited_afterwards_is_refused_naming_it(
    database: str, package: tuple[str, Path]
) -> None:
    name, folder = package
    pool = await db.create_pool(database)
    try:
        await db.migrate(pool, [name])
        (folder / "0001_notes.sql").write_text("CREATE TABLE notes (id int PRIMARY KEY, body text);\n")
        (folder / "0002_more.sql").write_text("CREATE TABLE more (id int);\n")
        with pytest.raises(db.MigrationChanged, match=f"{name}/0001_notes.sql.*new migration"):
            await db.migrate(pool, [name])
        assert await pool.fetchval("SELECT to_regclass('more')") is None  # nothing applied
    finally:
        await pool.close()


async def test_migrations_applied_before_checksums_were_kept_are_trusted_once(
    database: str, package: tuple[str, Path]
) -> None:
    name, folder = package
    conn = await asyncpg.connect(database)  # as a database migrated before checksums were kept
    try:
        await conn.execute("ALTER TABLE schema_migrations DROP COLUMN checksum")
        await conn.execute((folder / "0001_notes.sql").read_text())
        await conn.execute("INSERT INTO schema_migrations (name) VALUES ($1)", f"{name}/0001_notes.sql")
    finally:
        await conn.close()
    pool = await db.create_pool(database)
    try:
        assert await db.migrate(pool, [name]) == []
        (folder / "0001_notes.sql").write_text("-- edited\n")
        with pytest.raises(db.MigrationChanged):
            await db.migrate(pool, [name])
    finally:
        await pool.close()
