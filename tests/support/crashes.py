"""A crash at one step of one save, in a child process (a ``sitecustomize`` that kills it), and
the id of a process that has ended, for files a crashed process left behind."""

from __future__ import annotations

import subprocess


def dead_pid() -> int:
    """The id of a process that has ended (for files a crashed process left behind)."""
    child = subprocess.Popen(["true"])
    child.wait()
    return child.pid


# A sitecustomize for the child process: SIGKILL itself at one step of one save, so that a
# crash lands at every step of a save deterministically (the random kills of
# guarantees/test_terminal.py cannot hit a window of a few microseconds). A save is any opening
# for writing of a file whose path holds TRUSTCOACH_TEST_CRASH_IN (``/journals/`` unless set),
# so the hook does not depend on how saving is done.
CRASH_SITECUSTOMIZE = """
import importlib.machinery
import importlib.util
import os
import signal
import sys

_spec = os.environ.get("TRUSTCOACH_TEST_CRASH")
if _spec:
    _save, _point = _spec.split(":")
    _state = {"saves": 0, "fd": None}
    _open, _write, _fsync = os.open, os.write, os.fsync
    _replace, _rename, _link = os.replace, os.rename, os.link

    def _die():
        os.kill(os.getpid(), signal.SIGKILL)

    def _open_hook(path, flags, mode=0o777, *, dir_fd=None):
        fd = _open(path, flags, mode, dir_fd=dir_fd)
        name = os.fspath(path)
        where = os.environ.get("TRUSTCOACH_TEST_CRASH_IN", f"{os.sep}journals{os.sep}")
        if flags & (os.O_WRONLY | os.O_RDWR) and where in name:
            _state["saves"] += 1
            if _state["saves"] == int(_save):
                _state["fd"] = fd
                if _point == "open":
                    _die()
        return fd

    def _write_hook(fd, data):
        if fd == _state["fd"] and _point == "write":
            _write(fd, bytes(data[: max(1, len(data) // 2)]))
            _die()
        return _write(fd, data)

    def _fsync_hook(fd):
        if fd == _state["fd"] and _point == "fsync":
            _die()
        return _fsync(fd)

    def _renaming(real):
        def hook(*args, **kwargs):
            if _state["fd"] is not None and _point == "rename":
                _die()
            result = real(*args, **kwargs)
            if _state["fd"] is not None and _point == "after-rename":
                _die()
            return result
        return hook

    os.open, os.write, os.fsync = _open_hook, _write_hook, _fsync_hook
    os.replace, os.rename, os.link = _renaming(_replace), _renaming(_rename), _renaming(_link)

# Run the sitecustomize this one hides, if any (coverage and other tools rely on theirs).
_here = os.path.dirname(os.path.abspath(__file__))
_rest = [p for p in sys.path if os.path.abspath(p or ".") != _here]
_found = importlib.machinery.PathFinder.find_spec("sitecustomize", _rest)
if _found is not None and _found.loader is not None:
    _found.loader.exec_module(importlib.util.module_from_spec(_found))
"""
CRASH_POINTS = ["open", "write", "fsync", "rename", "after-rename"]
