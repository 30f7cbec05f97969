"""What the browser tests attach and look up: photos with a GPS position inside, and intake's tables."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import asyncpg
from PIL import Image

MENTENG = (-6.1951, 106.8345)
"""A point on Jl. Menteng Raya, inside the network's areas."""


def photo_with_gps(folder: Path, name: str = "lubang.jpg") -> Path:
    """A JPEG whose EXIF says which phone took it and where (6 degrees 11 minutes south)."""
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x8825] = {1: "S", 2: (6.0, 11.0, 42.0), 3: "E", 4: (106.0, 50.0, 4.0)}
    path = folder / name
    Image.new("RGB", (1200, 900), (120, 110, 100)).save(path, exif=exif)
    return path


def not_a_photo(folder: Path) -> Path:
    path = folder / "surat.jpg"
    path.write_text("this is a letter, not a photo")
    return path


async def rows(dsn: str, query: str, *args: Any) -> list[dict[str, Any]]:
    conn = await asyncpg.connect(dsn)
    try:
        return [dict(r) for r in await conn.fetch(query, *args)]
    finally:
        await conn.close()
