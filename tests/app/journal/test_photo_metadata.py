"""Capture dates read, and GPS positions removed, from real JPEG and PNG bytes."""

import datetime

import pytest

from app.journal import photo_metadata as pm
from tests.helpers import photos


@pytest.mark.parametrize("order", ["<", ">"])
def test_capture_date_and_location_are_read_in_both_byte_orders(order):
    facts = pm.facts(photos.jpeg_with_exif(order=order))
    assert facts.mime == "image/jpeg"
    assert facts.captured_at == datetime.datetime(2021, 5, 2, 18, 30)
    assert facts.had_location


@pytest.mark.parametrize("order", ["<", ">"])
def test_strip_location_empties_the_gps_directory_and_keeps_the_rest(order):
    data = photos.jpeg_with_exif(order=order)
    assert photos.GPS_MARK in data
    stripped, removed = pm.strip_location(data)
    assert removed
    assert photos.GPS_MARK not in stripped
    assert len(stripped) == len(data)  # rewritten in place: offsets stay valid
    facts = pm.facts(stripped)
    assert facts.captured_at == datetime.datetime(2021, 5, 2, 18, 30)
    assert not facts.had_location
    assert pm.strip_location(stripped) == (stripped, False)
    # The pixels are untouched: everything after the EXIF segment is the same bytes.
    tail = photos.small_jpeg()[20:]
    assert stripped.endswith(tail)


def test_xmp_packet_repeating_the_position_is_dropped():
    data = photos.jpeg_with_exif(xmp=True)
    stripped, removed = pm.strip_location(data)
    assert removed
    assert b"GPSLatitude" not in stripped and photos.GPS_MARK not in stripped
    assert pm.facts(stripped).captured_at is not None


def test_photo_without_location_is_left_byte_for_byte():
    data = photos.jpeg_with_exif(gps=False)
    assert pm.strip_location(data) == (data, False)
    assert pm.strip_location(photos.small_jpeg()) == (photos.small_jpeg(), False)


def test_png_exif_chunk_with_location_is_removed():
    data = photos.png_with_exif()
    assert pm.facts(data).had_location
    stripped, removed = pm.strip_location(data)
    assert removed and photos.GPS_MARK not in stripped
    assert stripped == photos.small_png()


def test_not_a_picture_is_left_alone():
    data = b"%PDF-1.4 a ticket"
    assert pm.facts(data) == pm.PhotoFacts(mime=None, captured_at=None, had_location=False)
    assert pm.strip_location(data) == (data, False)


@pytest.mark.parametrize("cut", [3, 10, 30, 60, 100, 150, 200, 260])
def test_truncated_and_damaged_exif_never_raises(cut):
    data = photos.jpeg_with_exif()[:cut]
    pm.facts(data)
    pm.strip_location(data)
    damaged = bytearray(photos.jpeg_with_exif())
    damaged[cut % len(damaged)] ^= 0xFF
    pm.facts(bytes(damaged))
    pm.strip_location(bytes(damaged))


def test_hostile_directory_counts_are_bounded():
    block = bytearray(photos.exif_block())
    block[8:10] = b"\xff\xff"  # IFD0 claims 65,535 entries
    data = b"\xff\xd8\xff\xe1" + (len(block) + 8).to_bytes(2, "big") + b"Exif\x00\x00" + block
    assert pm.facts(data).captured_at is None
    assert pm.strip_location(data)[1] is False
