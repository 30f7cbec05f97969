"""A citizen's photos: proven to be images by decoding them, and re-encoded without EXIF (pure).

Re-encoding from the pixels alone drops EXIF (and its GPS position), XMP, comments and colour
profiles: nothing of the phone or of where the citizen stood travels with the picture.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from typing import Literal

from PIL import Image, ImageOps

MAX_BYTES = 5 * 1024 * 1024
MAX_COUNT = 3
MAX_PIXELS = 50_000_000
"""A bigger image is refused before it is decoded (a small file can unpack to gigabytes)."""
LONGEST_SIDE = 2560
"""Larger photos are scaled down: enough for an agency to see the problem."""
FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}

Refusal = Literal["not_image", "too_large", "too_many"]


@dataclass(frozen=True)
class Cleaned:
    content_type: str
    data: bytes
    width: int
    height: int


def decoded(data: bytes) -> Image.Image | None:
    """The image in `data` fully decoded, if it is a JPEG, PNG or WebP of sensible size."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.format not in FORMATS or image.width * image.height > MAX_PIXELS:
                return None
            image.load()
            return image
    except (OSError, ValueError, SyntaxError, EOFError, Image.DecompressionBombError, Warning):
        return None


def pixels_only(image: Image.Image, image_format: str) -> Image.Image:
    """Upright (as the phone meant it), scaled down, and nothing but pixels."""
    upright = ImageOps.exif_transpose(image)
    alpha = upright.mode in {"RGBA", "LA", "PA"} or "transparency" in upright.info
    mode = "RGBA" if alpha and image_format != "JPEG" else "RGB"
    converted = upright.convert(mode)
    converted.thumbnail((LONGEST_SIDE, LONGEST_SIDE))
    return Image.frombytes(mode, converted.size, converted.tobytes())


def cleaned(data: bytes) -> Cleaned | Refusal:
    """The photo to store, or why not."""
    if len(data) > MAX_BYTES:
        return "too_large"
    image = decoded(data)
    if image is None or image.format is None:
        return "not_image"
    image_format = image.format
    fresh = pixels_only(image, image_format)
    out = io.BytesIO()
    fresh.save(out, format=image_format, **({"quality": 85} if image_format != "PNG" else {}))
    return Cleaned(FORMATS[image_format], out.getvalue(), fresh.width, fresh.height)


def refusal_of(files: list[bytes]) -> Refusal | None:
    """Why a set of photos cannot be taken at all, before any is decoded."""
    if len(files) > MAX_COUNT:
        return "too_many"
    return "too_large" if any(len(f) > MAX_BYTES for f in files) else None
