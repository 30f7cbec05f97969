"""A citizen's photo is stored only if it decodes as a JPEG, PNG or WebP, and never with its EXIF."""

from __future__ import annotations

import io

from intake import photos
from PIL import Image


def encoded(
    image_format: str = "JPEG", size: tuple[int, int] = (640, 480), mode: str = "RGB", **save: object
) -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, (10, 120, 200) if mode == "RGB" else (10, 120, 200, 128)).save(
        out, image_format, **save
    )
    return out.getvalue()


def with_gps() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x8825] = {1: "S", 2: (6.0, 11.0, 42.0)}
    return encoded(exif=exif)


def test_a_photos_exif_and_gps_position_are_gone_once_stored() -> None:
    assert Image.open(io.BytesIO(with_gps())).getexif()
    kept = photos.cleaned(with_gps())
    assert isinstance(kept, photos.Cleaned)
    assert kept.content_type == "image/jpeg"
    assert dict(Image.open(io.BytesIO(kept.data)).getexif()) == {}
    assert b"PhoneMaker" not in kept.data


def test_a_file_that_is_not_an_image_is_refused() -> None:
    assert photos.cleaned(b"%PDF-1.7 not a photo") == "not_image"
    assert photos.cleaned(encoded("GIF")) == "not_image"
    assert photos.cleaned(encoded()[:200]) == "not_image"


def test_a_photo_over_five_megabytes_is_refused_before_decoding() -> None:
    assert photos.cleaned(b"\xff" * (photos.MAX_BYTES + 1)) == "too_large"
    assert photos.refusal_of([b"x", b"\xff" * (photos.MAX_BYTES + 1)]) == "too_large"


def test_at_most_three_photos() -> None:
    assert photos.refusal_of([b"x"] * 4) == "too_many"
    assert photos.refusal_of([b"x"] * 3) is None


def test_a_transparent_png_stays_a_png_and_a_huge_one_is_scaled_down() -> None:
    kept = photos.cleaned(encoded("PNG", (4000, 1000), "RGBA"))
    assert isinstance(kept, photos.Cleaned)
    assert kept.content_type == "image/png"
    assert (kept.width, kept.height) == (2560, 640)
    assert Image.open(io.BytesIO(kept.data)).mode == "RGBA"


def test_a_webp_photo_is_kept_as_webp() -> None:
    kept = photos.cleaned(encoded("WEBP"))
    assert isinstance(kept, photos.Cleaned)
    assert kept.content_type == "image/webp"
