"""Export to Markdown, HTML and PDF, the `export-journal` command, and the log's silence."""

from __future__ import annotations

import datetime
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.errors import ValidationError
from app.logs import log_file, setup_logging
from app.services import journal
from tests.helpers.journal import PASS, entry_input, marker_words
from tests.helpers.paths import ROOT

D = datetime.date


@pytest.fixture
def filled(app_context):
    info = journal.create_journal(app_context, "Sam & Alex", None)
    session = journal.open_journal(app_context, info.id)
    words = marker_words(6, prefix="ex")
    entries = []
    for n, word in enumerate(words):
        entries.append(
            session.save_entry(
                entry_input(
                    f"Dear diary, **{word}** today.\n\n- a list item\n- <b>raw</b> & more\n\n"
                    "Ünïcödé: 日本語 ✓",
                    title=f"Title {word}" if n % 2 else "",
                    day=D(2026, 10, n + 1),
                    mood=n % 5 + 1,
                    tags=("walks",),
                )
            )
        )
    yield session, entries, words
    session.close()


def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)


@pytest.mark.parametrize("fmt", ["md", "html", "pdf"])
def test_single_file_formats_hold_every_selected_entry(filled, tmp_path, fmt):
    session, entries, words = filled
    chosen = [entries[0].id, entries[3].id, entries[5].id]
    out = tmp_path / f"out.{fmt}"
    result = journal.export_entries(session, chosen, fmt, out)
    assert result.paths == (out,) and result.entry_count == 3
    text = _pdf_text(out) if fmt == "pdf" else out.read_text(encoding="utf-8")
    for n, word in enumerate(words):
        assert (word in text) == (n in (0, 3, 5)), (fmt, word)
    assert "Title " + words[3] in text and "Title " + words[5] in text
    if fmt == "pdf":
        assert "日本語" in text or "Ünïcödé" in text
    if fmt == "html":
        assert "<b>raw</b>" not in text and "&lt;b&gt;raw" in text
        assert "<strong>" + words[0] + "</strong>" in text
        assert text.startswith("<!DOCTYPE html>") and "Sam &amp; Alex" in text


def test_markdown_files_one_per_entry(filled, tmp_path):
    session, entries, words = filled
    result = journal.export_entries(session, None, "md-files", tmp_path / "out")
    assert result.entry_count == 6 and len(result.paths) == 6
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(p.name for p in result.paths)
    texts = [p.read_text(encoding="utf-8") for p in result.paths]
    for word in words:
        assert sum(word in t for t in texts) == 1
    assert result.paths[1].name == f"2026-10-02-title-{words[1]}.md"
    assert result.paths[0].name == "2026-10-01.md"


def test_all_entries_oldest_first(filled, tmp_path):
    session, entries, words = filled
    out = tmp_path / "all.md"
    journal.export_entries(session, None, "md", out)
    text = out.read_text(encoding="utf-8")
    positions = [text.index(w) for w in words]
    assert positions == sorted(positions)


def test_bad_format_or_missing_entry(filled, tmp_path):
    session, entries, _ = filled
    with pytest.raises(ValidationError):
        journal.export_entries(session, None, "docx", tmp_path / "x")
    with pytest.raises(journal.NotFoundError):
        journal.export_entries(session, [9999], "md", tmp_path / "x.md")
    assert not (tmp_path / "x.md").exists()


def _run(*args, stdin=""):
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        cwd=ROOT, input=stdin, capture_output=True, text=True, timeout=120,
    )


def test_command_exports_a_protected_journal(app_context, tmp_path):
    info = journal.create_journal(app_context, "Mine", PASS)
    with journal.open_journal(app_context, info.id, PASS) as session:
        session.save_entry(entry_input("cmdmarker words"))
    app_context.close()
    out = tmp_path / "out.html"
    data = str(app_context.data_dir)
    result = _run("--data-dir", data, "export-journal", "--journal", "mine", "--format", "html",
                  str(out), stdin=PASS + "\n")
    assert result.returncode == 0, result.stderr
    assert "cmdmarker" in out.read_text(encoding="utf-8")
    assert "not encrypted" in result.stderr
    assert PASS not in result.stdout + result.stderr

    wrong = _run("--data-dir", data, "export-journal", "--journal", "Mine", "--format", "md",
                 str(tmp_path / "w.md"), stdin="nope\n")
    assert wrong.returncode == 2
    assert wrong.stderr.strip().count("\n") == 0 and "passphrase" in wrong.stderr
    assert not (tmp_path / "w.md").exists()

    unknown = _run("--data-dir", data, "export-journal", "--journal", "Theirs", "--format",
                   "pdf", str(tmp_path / "u.pdf"))
    assert unknown.returncode == 2 and "Mine" in unknown.stderr


def test_log_holds_no_journal_text(app_context, tmp_path):
    setup_logging(app_context.data_dir)
    words = marker_words(30, prefix="lg")
    info = journal.create_journal(app_context, "Logname", PASS)
    with journal.open_journal(app_context, info.id, PASS) as session:
        entry = session.save_entry(entry_input(" ".join(words[:10]), title=words[10], tags=(words[11],)))
        session.save_entry(entry_input(words[12]), entry.id)
        session.save_draft("new", entry_input(words[13]))
        session.search(words[14] + ' "' + words[15])
        session.search(words[16])
        session.save_entry(entry_input(f"{words[19]} 日本語 has no glyph in the PDF font"))
        journal.export_entries(session, None, "md", tmp_path / "e.md")
        journal.export_entries(session, None, "pdf", tmp_path / "e.pdf")
        session.delete_entry(entry.id)
    with pytest.raises(journal.WrongPassphraseError):
        journal.open_journal(app_context, info.id, words[17])
    journal.change_passphrase(app_context, info.id, PASS, words[18] + " new")
    text = log_file(app_context.data_dir).read_text(encoding="utf-8")
    assert "saved entry" in text  # the log is written at all
    for secret in [*words, PASS, "日", "glyph"]:
        assert secret not in text
