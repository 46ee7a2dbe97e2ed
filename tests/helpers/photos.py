"""Real photo bytes for tests: a small JPEG and PNG, with camera EXIF (a date, a GPS
position, an XMP packet) built to the EXIF 2.3 layout the way cameras write it."""

from __future__ import annotations

import struct

from tests.helpers.paths import FIXTURES as FIXTURE_ROOT

FIXTURES = FIXTURE_ROOT / "photos"
# Where a test photo "was taken": bytes that must never survive a default import.
LATITUDE = (48, 51, 2998)  # 48° 51' 29.98" N (Paris)
GPS_MARK = b"GPSMARKxyz"


def small_jpeg() -> bytes:
    """A real 64x48 JPEG (JFIF, no EXIF)."""
    return (FIXTURES / "small.jpg").read_bytes()


def small_png() -> bytes:
    return (FIXTURES / "small.png").read_bytes()


def _ifd(order: str, entries: list[tuple[int, int, int, bytes]], start: int,
         next_ifd: int = 0) -> bytes:
    """One IFD at offset `start` with out-of-line values right after it."""
    table = struct.pack(order + "H", len(entries))
    extra = b""
    data_at = start + 2 + 12 * len(entries) + 4
    for tag, kind, count, value in entries:
        if len(value) <= 4:
            field = value.ljust(4, b"\x00")
        else:
            field = struct.pack(order + "I", data_at + len(extra))
            extra += value + (b"\x00" if len(value) % 2 else b"")
        table += struct.pack(order + "HHI", tag, kind, count) + field
    return table + struct.pack(order + "I", next_ifd) + extra


def exif_block(*, taken: str | None = "2021:05:02 18:30:00", gps: bool = True,
               order: str = "<") -> bytes:
    """A TIFF block as found after "Exif\\0\\0": IFD0 (Make, DateTime, pointers), the EXIF
    sub-IFD (DateTimeOriginal) and a GPS IFD whose GPSMapDatum holds GPS_MARK."""
    header = (b"II*\x00" if order == "<" else b"MM\x00*") + struct.pack(order + "I", 8)

    def ascii_value(text: bytes) -> tuple[int, bytes]:
        value = text + b"\x00"
        return len(value), value

    make_count, make = ascii_value(b"HearthCam")
    ifd0_entries = [(0x010F, 2, make_count, make)]
    if taken:
        count, value = ascii_value(taken.encode())
        ifd0_entries.append((0x0132, 2, count, value))
    # Pointers are patched once the sizes are known.
    n_ptr = 1 + (1 if gps else 0)
    placeholder = [(0x8769, 4, 1, b"\x00\x00\x00\x00")] + (
        [(0x8825, 4, 1, b"\x00\x00\x00\x00")] if gps else [])
    ifd0 = _ifd(order, ifd0_entries + placeholder, 8)
    exif_at = 8 + len(ifd0)
    exif_entries = []
    if taken:
        count, value = ascii_value(taken.encode())
        exif_entries.append((0x9003, 2, count, value))
    exif_ifd = _ifd(order, exif_entries, exif_at)
    gps_at = exif_at + len(exif_ifd)
    pointers = [(0x8769, 4, 1, struct.pack(order + "I", exif_at))]
    if gps:
        pointers.append((0x8825, 4, 1, struct.pack(order + "I", gps_at)))
    ifd0 = _ifd(order, ifd0_entries + pointers, 8)
    assert len(ifd0) == exif_at - 8 and len(pointers) == n_ptr
    block = header + ifd0 + exif_ifd
    if gps:
        rational = b"".join(struct.pack(order + "II", v, 1 if i < 2 else 100)
                            for i, v in enumerate(LATITUDE))
        count, datum = ascii_value(GPS_MARK)
        block += _ifd(order, [
            (0x0001, 2, 2, b"N\x00"),
            (0x0002, 5, 3, rational),
            (0x0012, 2, count, datum),
        ], gps_at)
    return block


def xmp_segment() -> bytes:
    packet = (b"http://ns.adobe.com/xap/1.0/\x00<x:xmpmeta><rdf:Description "
              b"exif:GPSLatitude=\"48,51.5N\" exif:Note=\"" + GPS_MARK + b"\"/></x:xmpmeta>")
    return b"\xff\xe1" + struct.pack(">H", len(packet) + 2) + packet


def jpeg_with_exif(*, taken: str | None = "2021:05:02 18:30:00", gps: bool = True,
                   order: str = "<", xmp: bool = False) -> bytes:
    """small_jpeg() with an APP1 EXIF segment (and optionally XMP) after its JFIF header."""
    base = small_jpeg()
    payload = b"Exif\x00\x00" + exif_block(taken=taken, gps=gps, order=order)
    app1 = b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload
    (jfif_length,) = struct.unpack(">H", base[4:6])
    cut = 4 + jfif_length
    return base[:cut] + app1 + (xmp_segment() if xmp else b"") + base[cut:]


def png_with_exif(*, gps: bool = True) -> bytes:
    import zlib

    base = small_png()
    payload = exif_block(gps=gps)
    chunk = (struct.pack(">I", len(payload)) + b"eXIf" + payload
             + struct.pack(">I", zlib.crc32(b"eXIf" + payload)))
    cut = 8 + 25  # signature, then the IHDR chunk
    return base[:cut] + chunk + base[cut:]
