"""The log file: owner-only, rotated at its size limit, never written through a link."""

from __future__ import annotations

import logging
import os

import pytest

from app.logs import LOG_FILE_NAME, _OwnFileHandler, setup_logging
from app.paths import log_dir


@pytest.fixture
def handler(tmp_path):
    made = []

    def make(max_bytes=200, backups=3):
        handler = _OwnFileHandler(tmp_path / LOG_FILE_NAME, max_bytes=max_bytes,
                                  backups=backups)
        handler.setFormatter(logging.Formatter("%(message)s"))
        made.append(handler)
        return handler

    yield make
    for handler in made:
        handler.close()


def record(text: str) -> logging.LogRecord:
    return logging.LogRecord("test", logging.INFO, __file__, 1, text, None, None)


def test_a_full_log_moves_to_dot_one_and_older_ones_move_up(handler, tmp_path):
    log = handler(max_bytes=100, backups=3)
    for number in range(40):
        log.emit(record(f"line {number:02d} " + "x" * 20))
    log.flush()
    names = sorted(path.name for path in tmp_path.iterdir())
    assert names == [LOG_FILE_NAME, f"{LOG_FILE_NAME}.1", f"{LOG_FILE_NAME}.2",
                     f"{LOG_FILE_NAME}.3"]
    for path in tmp_path.iterdir():
        assert path.stat().st_size < 100
        assert path.stat().st_mode & 0o777 == 0o600
    # Newest in the log itself, then .1, .2, .3: the lines run on without a gap.
    lines = []
    for name in (f"{LOG_FILE_NAME}.3", f"{LOG_FILE_NAME}.2", f"{LOG_FILE_NAME}.1",
                 LOG_FILE_NAME):
        lines += (tmp_path / name).read_text().splitlines()
    numbers = [int(line.split()[1]) for line in lines]
    assert numbers == list(range(numbers[0], 40))


def test_a_line_longer_than_the_limit_does_not_empty_a_fresh_log_onto_dot_one(handler,
                                                                          tmp_path):
    log = handler(max_bytes=50, backups=2)
    log.emit(record("y" * 80))
    log.flush()
    assert not (tmp_path / f"{LOG_FILE_NAME}.1").exists()
    assert (tmp_path / LOG_FILE_NAME).read_text() == "y" * 80 + "\n"


def test_a_link_where_the_log_belongs_is_not_written_through(tmp_path):
    target = tmp_path / "elsewhere.txt"
    target.write_text("keep me\n")
    folder = log_dir(tmp_path)
    folder.mkdir(parents=True)
    os.symlink(target, folder / LOG_FILE_NAME)
    root = logging.getLogger()
    before = list(root.handlers)
    try:
        assert setup_logging(tmp_path) is None
        logging.getLogger("hearth.test").warning("a line")
    finally:
        for extra in set(root.handlers) - set(before):
            root.removeHandler(extra)
            extra.close()
    assert target.read_text() == "keep me\n"
