"""How the user runs this trustcoach, so that every hint it prints (``trustcoach resume ID``)
can be typed as it is shown in the same shell."""

import os
import shlex
import shutil
import sys


def how_run() -> str:
    """The command that runs this trustcoach, as the hints it prints should name it:
    ``trustcoach`` when that name on the PATH is this program, else the path it was run by
    (``~/trustcoach/.venv/bin/trustcoach``, ``/usr/bin/python3 -m trustcoach``)."""
    found = shutil.which("trustcoach")
    program = os.path.abspath(sys.argv[0]) if sys.argv and sys.argv[0] else ""
    if os.path.basename(program) == "__main__.py":  # python -m trustcoach
        python = os.path.abspath(sys.executable)
        if found and os.path.dirname(os.path.abspath(found)) == os.path.dirname(python):
            return "trustcoach"
        return f"{shown_path(python)} -m trustcoach"
    if not program or not os.path.isfile(program):
        return "trustcoach"
    if found and os.path.samefile(found, program):
        return "trustcoach"
    return shown_path(program)


def shown_path(path: str) -> str:
    """A path as a shell takes it: under the home folder as ``~/...``, quoted when it must be."""
    home = os.path.expanduser("~")
    quoted = shlex.quote(path)
    if quoted == path and home not in ("", "/") and path.startswith(home + os.sep):
        return "~" + path[len(home) :]
    return quoted
