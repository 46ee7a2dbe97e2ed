"""Exports of other journal apps, built to each format's published shape, for import tests.

Day One: the JSON export (`{"metadata": {"version": "1.0"}, "entries": [...]}` with uuid,
creationDate in UTC, timeZone, text with Day One's backslash escapes, tags, starred and
photos named `photos/<md5>.<type>`), zipped or bare, and its plain-text export. jrnl: the
`jrnl --export json` document and its own journal file. Markdown: a folder of notes with
and without front matter.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

from tests.helpers import photos


def dayone_entry(uuid: str, created: str, text: str, *, zone="Europe/Paris", tags=(),
                 starred=False, photo_ids=()) -> dict:
    entry = {
        "uuid": uuid,
        "creationDate": created,
        "modifiedDate": created,
        "timeZone": zone,
        "text": text,
        "richText": "{\"meta\":{\"version\":1},\"contents\":[]}",
        "starred": starred,
        "duration": 0,
        "creationDevice": "Sam’s iPhone",
        "location": {"latitude": 48.85, "longitude": 2.35, "localityName": "Paris"},
        "weather": {"temperatureCelsius": 17, "conditionsDescription": "Partly Cloudy"},
    }
    if tags:
        entry["tags"] = list(tags)
    if photo_ids:
        entry["photos"] = [dict(p) for p in photo_ids]
    return entry


def dayone_photo(identifier: str, data: bytes, order: int = 0) -> dict:
    return {"identifier": identifier, "md5": hashlib.md5(data).hexdigest(), "type": "jpeg",
            "orderInEntry": order, "width": 64, "height": 48, "fileSize": len(data),
            "date": "2021-05-02T16:29:00Z"}


PHOTO_A = photos.jpeg_with_exif()
PHOTO_B = photos.jpeg_with_exif(taken="2022:12:24 09:05:00", gps=False)


def dayone_document() -> dict:
    a = dayone_photo("3E5A9C1B7D2F4E6A8B0C1D2E3F4A5B6C", PHOTO_A)
    b = dayone_photo("9F8E7D6C5B4A39281706F5E4D3C2B1A0", PHOTO_B)
    return {"metadata": {"version": "1.0"}, "entries": [
        # 23:30 UTC on 2 May is already 3 May in Paris (UTC+2 in summer).
        dayone_entry("A1B2C3D4E5F60718293A4B5C6D7E8F90", "2021-05-02T23:30:00Z",
                     "# Night walk by the river\n\nWe walked until the bridge\\. "
                     "It was lovely\\!\n\n![](dayone-moment://" + a["identifier"] + ")",
                     tags=["walk", "us"], starred=True, photo_ids=[a]),
        dayone_entry("0F1E2D3C4B5A69788796A5B4C3D2E1F0", "2022-12-24T08:00:00Z",
                     "Christmas Eve breakfast\\. Pancakes\\.\n\n![](dayone-moment://"
                     + b["identifier"] + ")", zone="America/New_York", photo_ids=[b]),
        dayone_entry("11112222333344445555666677778888", "2023-01-01T10:00:00Z",
                     "A plain note with a missing photo ![](dayone-moment://DEADBEEF)",
                     zone="Not/AZone"),
        # Broken: no date; not an object; empty text.
        {"uuid": "BROKEN1", "text": "no date here"},
        "not an entry",
        dayone_entry("EMPTYEMPTYEMPTY", "2023-02-02T10:00:00Z", ""),
    ]}


def dayone_zip(path: Path, document: dict | None = None, *, name="Journal.json",
               extra: dict[str, bytes] | None = None) -> Path:
    document = document or dayone_document()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, json.dumps(document, indent=2, ensure_ascii=False))
        for data in (PHOTO_A, PHOTO_B):
            archive.writestr(f"photos/{hashlib.md5(data).hexdigest()}.jpeg", data)
        for member, data in (extra or {}).items():
            archive.writestr(member, data)
    return path


DAYONE_TEXT = """\tDate:\t2 May 2021 at 18:30:00 CEST
\tTags:\twalk, us
\tLocation:\tParis, France
\tWeather:\t17°C Partly Cloudy
\tStarred

# Night walk

We walked until the bridge.

\tDate:\tDecember 24, 2022 at 9:05:00 AM EST

Christmas Eve breakfast. Pancakes.

\tDate:\tsometime in spring

Broken date.
"""

JRNL_DOCUMENT = {
    "tags": {"@walk": 1, "@work": 1},
    "entries": [
        {"title": "Night walk by the river.", "body": "We walked with @walk until the bridge.",
         "date": "2021-05-02", "time": "18:30", "tags": ["@walk"], "starred": True},
        {"title": "Deadline.", "body": "Long day at @work.\nStill smiling.",
         "date": "2022-12-24", "time": "09:05", "tags": ["@work"], "starred": False},
        {"title": "Night walk by the river.", "body": "We walked with @walk until the bridge.",
         "date": "2021-05-02", "time": "18:30", "tags": ["@walk"], "starred": True},
        {"title": "Bad date.", "body": "", "date": "02/05/2021", "time": "18:30",
         "tags": [], "starred": False},
    ],
}

JRNL_TEXT = """[2021-05-02 18:30] Night walk by the river. We walked with @walk until the bridge. *
It was lovely.

[2022-12-24 09:05] Deadline.
Long day at @work.

2019-03-01 07:15 An old-style entry without brackets.
Written with jrnl 1.
"""


def markdown_folder(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "2021-05-02.md").write_text(
        "# Night walk\n\nWe walked until the bridge. #walk #us\n\n![the river](river.jpg)\n",
        encoding="utf-8")
    (root / "river.jpg").write_bytes(PHOTO_A)
    (root / "notes").mkdir(exist_ok=True)
    (root / "notes" / "christmas.md").write_text(
        "---\ntitle: \"Christmas Eve\"\ndate: 2022-12-24T09:05:00-05:00\ntags:\n  - family\n"
        "  - food\nstarred: true\n---\nPancakes. #notatag-in-front-matter-file\n",
        encoding="utf-8")
    (root / "undated.md").write_text("No date anywhere.\n", encoding="utf-8")
    (root / "20230101 new year.md").write_text("Fireworks #party", encoding="utf-8")
    (root / "2023-03-03 outside.md").write_text("Out.\n\n![x](../secret.jpg)\n", encoding="utf-8")
    return root
