#!/usr/bin/env python3
"""Write resources/icons/hearth-icons.ttf: the glyphs of the Phosphor font that Hearth's icon
names use (ui/icons.py GLYPHS), and nothing else.

    .venv/bin/python scripts/icon_font.py

The whole font holds some 4,500 glyphs; Qt and fontconfig read every one of them when a
font is added, and Hearth adds its icon font at every start. Run this again after changing
GLYPHS; tests/ui/test_icons.py fails while the file is out of step.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def write_icon_font(source: Path, code_points, out: Path) -> Path:
    """Keep `code_points` of the font `source` in `out` (outlines, metrics and names as
    they are; no layout tables, which icons never use)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.layout_features = []
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.recalc_timestamp = False
    font = TTFont(str(source))
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(set(code_points)))
    subsetter.subset(font)
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")
    font.save(str(partial))
    partial.replace(out)
    return out


def main() -> int:
    from app.paths import resource_path
    from ui.icons import FONT_FILE, GLYPHS, SOURCE_FONT_FILE

    out = write_icon_font(resource_path("icons", SOURCE_FONT_FILE),
                          [code for _glyph, code in GLYPHS.values()],
                          resource_path("icons", FONT_FILE))
    print(f"wrote {out} ({out.stat().st_size:,} bytes, {len(GLYPHS)} icons)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
