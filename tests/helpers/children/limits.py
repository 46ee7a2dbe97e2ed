"""Run a snippet of Hearth under a storage limit: `python -m tests.helpers.children.limits
MODE DATA_DIR` where MODE is "read-only" (drop the root powers that ignore file modes) or
"full" (cap file size so writes fail as on a full disk). Prints one line per outcome."""

from __future__ import annotations

import ctypes
import resource
import signal
import sys
from pathlib import Path

_CAP_CHOWN, _CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH, _CAP_FOWNER = 0, 1, 2, 3


def drop_file_powers() -> None:
    """Make even root obey file modes, as a normal user would."""
    libc = ctypes.CDLL(None, use_errno=True)

    class Header(ctypes.Structure):
        _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]

    class Data(ctypes.Structure):
        _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32),
                    ("inheritable", ctypes.c_uint32)]

    header, data = Header(0x20080522, 0), (Data * 2)()
    if libc.capget(ctypes.byref(header), data) != 0:
        raise OSError(ctypes.get_errno(), "capget")
    mask = ~sum(1 << c for c in (_CAP_CHOWN, _CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH,
                                 _CAP_FOWNER)) & 0xFFFFFFFF
    for field in ("effective", "permitted", "inheritable"):
        setattr(data[0], field, getattr(data[0], field) & mask)
    if libc.capset(ctypes.byref(header), data) != 0:
        raise OSError(ctypes.get_errno(), "capset")


def read_only(data_dir: Path) -> None:
    drop_file_powers()
    from app.models.meta import AppMeta
    from app.safety.storage import StorageError, translate_storage_errors
    from ui.startup import open_data_safely

    context, notice = open_data_safely(data_dir, interactive=False)
    print("opened", context is not None)
    print("notice", notice)
    print("read", AppMeta.get_value("who"))
    try:
        with translate_storage_errors(), context.db.atomic():
            AppMeta.set_value("who", "changed")
    except StorageError as exc:
        print("refused", type(exc).__name__)
    context.close()


def full(data_dir: Path) -> None:
    from app.context import open_app
    from app.models.meta import AppMeta
    from app.safety.storage import StorageError, translate_storage_errors

    context = open_app(data_dir)
    size = sum(p.stat().st_size for p in data_dir.glob("hearth.db*"))
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (size + 200_000, size + 200_000))
    for n in range(10_000):
        try:
            with translate_storage_errors(), context.db.atomic():
                AppMeta.set_value(f"note-{n}", "x" * 4000)
        except StorageError as exc:
            print("refused", type(exc).__name__, flush=True)
            break
        print("saved", n, flush=True)
    context.close()


if __name__ == "__main__":
    {"read-only": read_only, "full": full}[sys.argv[1]](Path(sys.argv[2]))
