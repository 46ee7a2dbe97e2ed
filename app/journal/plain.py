"""An entry's Markdown as the plain words a list or a search result shows on one line.

`plain_text("## Out\\n\\nWe walked by the **canal**.\\n\\n- *slowly*")` is "Out · We walked
by the canal. slowly": emphasis, headings, list bullets, quotes, code marks, rules and link
targets go; the words stay, and a heading or paragraph that ends without a full stop is set
apart from the next by " · ". A backslash-escaped character ("\\*") stays as the character.
The search snippet marks (MARK_START, MARK_END) pass through untouched, so matched words
can still be shown in bold, and a snippet cut in the middle of Markdown ("…**canal** was")
comes out as clean as a whole body. This is for display only: the stored text is never
changed.
"""

from __future__ import annotations

import re

# A backslash escape is set aside as a private-use character while the marks are removed,
# so "\*" survives as "*" (every escapable character is ASCII punctuation, below 0x80).
_ESCAPE_BASE = 0xE000
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!~>|])")
_SET_ASIDE = re.compile("[\ue000-\ue07f]")

_FENCE = re.compile(r"^\s*(```|~~~)")
_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_LINE_START = re.compile(r"^\s*(?:>\s?)*\s*(?:#{1,6}\s+|[-*+]\s+(?:\[[ xX]\]\s+)?|\d{1,9}[.)]\s+)?")
_CLOSING_HASHES = re.compile(r"\s+#+\s*$")
_IMAGE_OR_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_REFERENCE_LINK = re.compile(r"!?\[([^\]]*)\]\[[^\]]*\]")
_LINK_DEFINITION = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+.*$")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
# Emphasis marks open before a non-space and close after one, never inside a word
# ("snake_case", "2 * 3" and "a*b" keep theirs).
_OPENING = re.compile(r"(?<![\w*_~])(\*{1,3}|_{1,3}|~~)(?=[^\s*_~])")
_CLOSING = re.compile(r"(?<=[^\s*_~])(\*{1,3}|_{1,3}|~~)(?![\w*_~])")
_CODE = re.compile(r"`+")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s")
# A block ending in one of these needs no separator before the next ("\x03" ends a match).
_SENTENCE_END = set(".!?…:;,\u201d\"')\x03")


def _set_aside(match: re.Match) -> str:
    return chr(_ESCAPE_BASE + ord(match.group(1)))


def _bring_back(match: re.Match) -> str:
    return chr(ord(match.group(0)) - _ESCAPE_BASE)


def _plain_line(line: str) -> str:
    if _RULE.match(line) or _LINK_DEFINITION.match(line):
        return ""
    line = _LINE_START.sub("", line, count=1)
    line = _CLOSING_HASHES.sub("", line)
    line = _IMAGE_OR_LINK.sub(r"\1", line)
    line = _REFERENCE_LINK.sub(r"\1", line)
    line = _AUTOLINK.sub(r"\1", line)
    line = _CODE.sub("", line)
    line = _OPENING.sub("", line)
    return _CLOSING.sub("", line)


def _joined_blocks(text: str) -> str:
    """Lines of one paragraph run on; paragraphs and headings are set apart by " · " when
    the one before does not end a sentence ("Indoors · A short walk", not "Indoors A")."""
    blocks: list[str] = []
    current: list[str] = []
    for line in text.split("\n"):
        if _FENCE.match(line):
            continue
        heading = _HEADING.match(line) is not None
        plain = " ".join(_plain_line(line).split())
        if heading or not plain:
            if current:
                blocks.append(" ".join(current))
            current = []
        if plain:
            (blocks if heading else current).append(plain)
    if current:
        blocks.append(" ".join(current))
    result = ""
    for block in blocks:
        if result:
            result += " " if result[-1] in _SENTENCE_END else " · "
        result += block
    return result


def plain_text(markdown: str) -> str:
    """The words of `markdown` on one line, Markdown marks removed, spaces collapsed."""
    if not markdown:
        return ""
    text = markdown.replace("\r\n", "\n").replace("\r", "\n")
    # Text that holds such private-use characters itself keeps them, escapes and all.
    escapes = not _SET_ASIDE.search(text)
    if escapes:
        text = _ESCAPED.sub(_set_aside, text)
    text = _joined_blocks(text)
    return _SET_ASIDE.sub(_bring_back, text) if escapes else text
