"""Checks on the screencast's uploads that look at the file's content, not only its name.

An extension says little: a renamed HEIC photo or a QuickTime film ends in `.mp4` as easily
as a real MP4. As the image upload does (it opens the file with Pillow), the MP4 field reads
what the file says it is: an ISO base media file starts with an `ftyp` box whose brands tell
what it holds.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Brands of MP4 video that every browser plays (with H.264 inside).
MP4_BRANDS = frozenset(
    {b"isom", b"iso2", b"iso4", b"iso5", b"iso6", b"mp41", b"mp42", b"avc1", b"M4V ", b"dash"}
)
# The same box starts still images and QuickTime films: never a screencast's MP4.
NOT_MP4_BRANDS = frozenset({b"heic", b"heix", b"mif1", b"msf1", b"avif", b"avis", b"qt  "})

NOT_MP4 = _("Dit bestand is geen MP4-video. Kies een MP4-bestand met H.264-video.")


def mp4_brands(head: bytes) -> tuple[bytes, list[bytes]] | None:
    """The major and compatible brands of the `ftyp` box at the start of `head`, or None when
    the bytes do not start with one."""
    if len(head) < 16 or head[4:8] != b"ftyp":
        return None
    size = int.from_bytes(head[:4], "big")
    if size < 16 or size % 4:
        return None
    box = head[8 : min(size, len(head))]
    return box[:4], [box[i : i + 4] for i in range(8, len(box) - 3, 4)]


def validate_mp4_content(value) -> None:
    """Refuse a new upload whose content is not MP4 video. A file already stored (checked when
    it came in) is not read again on every save of the page."""
    if getattr(value, "_committed", True):
        return
    upload = value.file if hasattr(value, "file") else value
    try:
        upload.seek(0)
        head = upload.read(64)
    finally:
        upload.seek(0)
    brands = mp4_brands(head)
    if brands is None:
        raise ValidationError(NOT_MP4, code="not_mp4")
    major, compatible = brands
    if major in NOT_MP4_BRANDS or not ({major, *compatible} & MP4_BRANDS):
        raise ValidationError(NOT_MP4, code="not_mp4")
