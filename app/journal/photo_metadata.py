"""What a photo's own bytes say about it: its kind, its capture date, and where it was taken.

Pure Python over the bytes a person gave: no image library, no decoding of pixels.
`strip_location` removes the place a photo was taken from a JPEG (the EXIF GPS directory,
and any XMP packet, which can repeat it) and from a PNG (its eXIf chunk), leaving every
pixel and every other tag as it was. It rewrites in place, so offsets inside the EXIF block
stay valid: the GPS directory is emptied and its values zeroed, not cut out.

Every read is bounds-checked: a damaged or hostile file yields "no date" and is copied
as given apart from what can be found and removed safely, never an exception.
"""

from __future__ import annotations

import datetime
import re
import struct
from dataclasses import dataclass

_JPEG_SOI = b"\xff\xd8"
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_EXIF_HEADER = b"Exif\x00\x00"
_XMP_HEADER = b"http://ns.adobe.com/xap/1.0/\x00"

_TAG_DATETIME = 0x0132
_TAG_EXIF_IFD = 0x8769
_TAG_GPS_IFD = 0x8825
_TAG_DATETIME_ORIGINAL = 0x9003
_TYPE_SIZES = {1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8}
# A directory with more entries than this is damage, not a photo.
_MAX_IFD_ENTRIES = 1000
_EXIF_DATE = re.compile(rb"^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})")

_MIME_BY_MAGIC = (
    (_JPEG_SOI + b"\xff", "image/jpeg"),
    (_PNG_SIGNATURE, "image/png"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"BM", "image/bmp"),
)


# HEIF/HEIC files are ISO media files whose `ftyp` box names one of these brands.
_HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"}


def is_heic(data: bytes) -> bool:
    """Whether the bytes are a HEIF/HEIC picture (which Hearth stores, but does not show)."""
    return data[4:8] == b"ftyp" and data[8:12] in _HEIF_BRANDS


@dataclass(frozen=True, slots=True)
class PhotoFacts:
    """`mime` from the bytes' signature (None: not a picture Hearth shows), `captured_at`
    the camera's local date and time, `had_location` whether a GPS block was present."""

    mime: str | None
    captured_at: datetime.datetime | None
    had_location: bool


def picture_mime(data: bytes) -> str | None:
    """The picture type the bytes start with, or None (WebP is recognised too)."""
    for magic, mime in _MIME_BY_MAGIC:
        if data.startswith(magic):
            return mime
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


def facts(data: bytes) -> PhotoFacts:
    """Read the type, capture date and presence of a location without changing anything."""
    mime = picture_mime(data)
    tiff = _jpeg_exif(data) if mime == "image/jpeg" else None
    if mime == "image/png":
        tiff = _png_exif(data)
    if tiff is None:
        return PhotoFacts(mime=mime, captured_at=None, had_location=False)
    block = bytes(data[tiff[0]:tiff[1]])
    return PhotoFacts(
        mime=mime,
        captured_at=_capture_date(block),
        had_location=_has_gps(block),
    )


def strip_location(data: bytes) -> tuple[bytes, bool]:
    """The bytes without the place the photo was taken, and whether anything was removed."""
    mime = picture_mime(data)
    if mime == "image/jpeg":
        return _strip_jpeg(data)
    if mime == "image/png":
        return _strip_png(data)
    return data, False


# ----- JPEG --------------------------------------------------------------------------------


def _jpeg_segments(data: bytes):
    """(marker, start of segment, start of payload, end) for each segment before the scan."""
    pos = 2
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            return
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            pos += 2
            continue
        if marker == 0xD9:
            return
        (length,) = struct.unpack(">H", data[pos + 2:pos + 4])
        end = pos + 2 + length
        if length < 2 or end > len(data):
            return
        yield marker, pos, pos + 4, end
        if marker == 0xDA:  # start of scan: the pixels follow, no more metadata
            return
        pos = end


def _jpeg_exif(data: bytes) -> tuple[int, int] | None:
    for marker, _start, payload, end in _jpeg_segments(data):
        if marker == 0xE1 and data[payload:payload + 6] == _EXIF_HEADER:
            return payload + 6, end
    return None


def _strip_jpeg(data: bytes) -> tuple[bytes, bool]:
    out = bytearray(data)
    removed = False
    cut: list[tuple[int, int]] = []
    for marker, start, payload, end in _jpeg_segments(data):
        if marker != 0xE1:
            continue
        if data[payload:payload + 6] == _EXIF_HEADER:
            block = bytearray(data[payload + 6:end])
            if _has_gps(block) and _empty_gps(block):
                out[payload + 6:end] = block
                removed = True
        elif data[payload:payload + len(_XMP_HEADER)] == _XMP_HEADER:
            # XMP may repeat the GPS position (exif:GPSLatitude): drop the whole packet.
            cut.append((start, end))
    for start, end in reversed(cut):
        del out[start:end]
        removed = True
    return bytes(out), removed


# ----- PNG ---------------------------------------------------------------------------------


def _png_chunks(data: bytes):
    pos = len(_PNG_SIGNATURE)
    while pos + 12 <= len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind = data[pos + 4:pos + 8]
        end = pos + 12 + length
        if end > len(data):
            return
        yield kind, pos, pos + 8, pos + 8 + length, end
        if kind == b"IEND":
            return
        pos = end


def _png_exif(data: bytes) -> tuple[int, int] | None:
    for kind, _start, payload, payload_end, _end in _png_chunks(data):
        if kind == b"eXIf":
            return payload, payload_end
    return None


def _strip_png(data: bytes) -> tuple[bytes, bool]:
    for kind, start, payload, payload_end, end in _png_chunks(data):
        if kind == b"eXIf" and _has_gps(bytes(data[payload:payload_end])):
            # A PNG's EXIF is rarely more than a copy of the camera's; dropping the chunk
            # is simpler than rewriting it and its checksum.
            return data[:start] + data[end:], True
    return data, False


# ----- TIFF structure inside EXIF -----------------------------------------------------------


def _byte_order(block) -> str | None:
    if block[:4] == b"II*\x00":
        return "<"
    if block[:4] == b"MM\x00*":
        return ">"
    return None


def _entries(block, offset: int, order: str):
    """(position of the entry, tag, type, count, value field position) of one IFD."""
    if offset < 8 or offset + 2 > len(block):
        return
    (count,) = struct.unpack(order + "H", block[offset:offset + 2])
    if count > _MAX_IFD_ENTRIES or offset + 2 + 12 * count > len(block):
        return
    for n in range(count):
        pos = offset + 2 + 12 * n
        tag, kind, items = struct.unpack(order + "HHI", block[pos:pos + 8])
        yield pos, tag, kind, items, pos + 8


def _ifd0(block) -> tuple[str, int] | None:
    order = _byte_order(block)
    if order is None or len(block) < 8:
        return None
    (offset,) = struct.unpack(order + "I", block[4:8])
    return order, offset


def _ifd_pointer(block, wanted: int, ifd: int | None = None) -> int | None:
    start = _ifd0(block)
    if start is None:
        return None
    order, offset = start
    for _pos, tag, _kind, _items, value in _entries(block, ifd or offset, order):
        if tag == wanted:
            (pointer,) = struct.unpack(order + "I", block[value:value + 4])
            return pointer
    return None


def _has_gps(block) -> bool:
    """Whether the block has a GPS directory with anything in it."""
    start = _ifd0(block)
    gps = _ifd_pointer(block, _TAG_GPS_IFD)
    return start is not None and gps is not None and any(_entries(block, gps, start[0]))


def _ascii_value(block, order: str, kind: int, items: int, value: int) -> bytes | None:
    if kind != 2 or items > 64:
        return None
    if items > 4:
        (value,) = struct.unpack(order + "I", block[value:value + 4])
    return bytes(block[value:value + items]) if value + items <= len(block) else None


def _capture_date(block) -> datetime.datetime | None:
    start = _ifd0(block)
    if start is None:
        return None
    order, offset = start
    found: dict[int, bytes] = {}
    exif = _ifd_pointer(block, _TAG_EXIF_IFD)
    for ifd in (offset, exif):
        if ifd is None:
            continue
        for _pos, tag, kind, items, value in _entries(block, ifd, order):
            if tag in (_TAG_DATETIME, _TAG_DATETIME_ORIGINAL):
                text = _ascii_value(block, order, kind, items, value)
                if text:
                    found[tag] = text
    for tag in (_TAG_DATETIME_ORIGINAL, _TAG_DATETIME):
        match = _EXIF_DATE.match(found.get(tag, b""))
        if match:
            try:
                return datetime.datetime(*(int(g) for g in match.groups()))
            except ValueError:
                continue
    return None


def _empty_gps(block: bytearray) -> bool:
    """Zero the GPS directory's entries and values in place; True when there was one."""
    start = _ifd0(block)
    if start is None:
        return False
    order = start[0]
    gps = _ifd_pointer(block, _TAG_GPS_IFD)
    if gps is None:
        return False
    entries = list(_entries(block, gps, order))
    for _pos, _tag, kind, items, value in entries:
        size = _TYPE_SIZES.get(kind, 1) * items
        if size > 4:
            (where,) = struct.unpack(order + "I", block[value:value + 4])
            if 8 <= where and where + size <= len(block):
                block[where:where + size] = bytes(size)
    if gps + 2 <= len(block):
        end = min(len(block), gps + 2 + 12 * len(entries) + 4)
        block[gps:end] = bytes(end - gps)
    return True
