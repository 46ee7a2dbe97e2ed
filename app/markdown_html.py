"""Markdown to HTML, for the guides and for journal exports.

Extensions are passed as objects: named by string, Python-Markdown looks them up among the
installed packages' entry points (importlib.metadata reading every dist-info), which cost
more than the whole conversion. A converter is made per call, so threads never share one.
"""

from __future__ import annotations


def to_html(text: str, *, extra: bool = False) -> str:
    """`text` as HTML with sane lists; `extra` adds tables, footnotes and the like."""
    import markdown  # loaded by the first conversion, not at start-up
    from markdown.extensions.extra import ExtraExtension
    from markdown.extensions.sane_lists import SaneListExtension

    extensions = [ExtraExtension(), SaneListExtension()] if extra else [SaneListExtension()]
    return markdown.Markdown(extensions=extensions, output_format="html").convert(text)
