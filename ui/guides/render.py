"""Guide Markdown to HTML for the reader and for print, with a palette-driven stylesheet."""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtGui import QPalette

from app.content.categories import category_label
from app.content.guide_html import body_markdown
from app.content.guides import Exercise, Guide
from app.markdown_html import to_html
from app.text import escape_html
from ui.theme import blend


class ReaderColors(NamedTuple):
    """The few colours the reader needs, taken from the application palette."""

    text: str
    muted: str
    accent: str
    accent_soft: str
    surface: str
    border: str

    @classmethod
    def from_palette(cls, palette: QPalette) -> ReaderColors:
        role = QPalette.ColorRole
        accent = palette.color(role.Highlight)
        surface = palette.color(role.Base)
        return cls(
            text=palette.color(role.Text).name(),
            muted=palette.color(role.PlaceholderText).name(),
            accent=accent.name(),
            accent_soft=blend(accent, surface, 0.22).name(),
            surface=surface.name(),
            border=palette.color(role.Mid).name(),
        )


PRINT_COLORS = ReaderColors(text="#222222", muted="#555555", accent="#8A3049",
                            accent_soft="#F3DCE3", surface="#FFFFFF", border="#CCCCCC")


def markdown_to_html(text: str) -> str:
    return to_html(text)


def questions_html(guide: Guide) -> str:
    items = "".join(f"<li>{escape_html(question)}</li>" for question in guide.questions)
    return f"<ul>{items}</ul>"


def exercise_marker(exercise: Exercise) -> str:
    """The line under an exercise title, e.g. "Plan it · 30 min · Outdoors"."""
    if exercise.is_plan:
        return f"Plan it · {exercise.minutes} min · {category_label(exercise.category)}"
    return "Reflect in your journal"


def document_css(colors: ReaderColors, base_pt: float) -> str:
    """Stylesheet for QTextDocument: its CSS subset, sizes in points from `base_pt`."""
    return f"""
body {{ color: {colors.text}; }}
p {{ margin-top: 0px; margin-bottom: {base_pt * 1.1:.0f}px; line-height: 150%; }}
h1 {{ font-size: {base_pt * 1.9:.1f}pt; font-weight: 700; margin-top: 0px; margin-bottom: 6px; }}
h2 {{ font-size: {base_pt * 1.28:.1f}pt; font-weight: 600; color: {colors.text};
      margin-top: {base_pt * 1.8:.0f}px; margin-bottom: {base_pt * 0.7:.0f}px; }}
h3 {{ font-size: {base_pt * 1.12:.1f}pt; font-weight: 600; margin-top: {base_pt:.0f}px;
      margin-bottom: 4px; }}
ul {{ margin-top: 0px; margin-bottom: {base_pt:.0f}px; }}
li {{ margin-bottom: {base_pt * 0.6:.0f}px; line-height: 145%; }}
em {{ color: {colors.text}; }}
blockquote {{ margin-left: 18px; color: {colors.muted}; }}
a {{ color: {colors.accent}; }}
.summary {{ color: {colors.muted}; font-size: {base_pt * 1.1:.1f}pt; }}
.meta {{ color: {colors.muted}; font-size: {base_pt * 0.9:.1f}pt; }}
.marker {{ color: {colors.accent}; font-size: {base_pt * 0.9:.1f}pt; font-weight: 600; }}
"""


def print_html(guide: Guide) -> str:
    """The whole guide as one HTML page for printing or PDF export."""
    tags = " · ".join(guide.tags)
    parts = [
        f"<h1>{escape_html(guide.title)}</h1>",
        f"<p class='summary'>{escape_html(guide.summary)}</p>",
        f"<p class='meta'>{guide.minutes} min read · {escape_html(tags)}</p>",
        markdown_to_html(body_markdown(guide)),
        "<h2>Try this</h2>",
    ]
    for exercise in guide.exercises:
        parts += [
            f"<h3>{escape_html(exercise.title)}</h3>",
            f"<p class='marker'>{escape_html(exercise_marker(exercise))}</p>",
            markdown_to_html(exercise.text),
        ]
    parts += ["<h2>Talk about it</h2>", questions_html(guide),
              "<p class='meta'>From Hearth</p>"]
    return "\n".join(parts)
