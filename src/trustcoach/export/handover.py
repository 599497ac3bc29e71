"""What an export says about who it is from and for: the client's label, and the file name it
gets by default (the pack's counselor is the source's: ``source.py``).

The client's label (``--client``) is a few characters the client types, such as initials; it is
shown in the file as typed (each format escapes it) and, reduced to characters that are safe
in a file name on every system, in the default file name.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from trustcoach.errors import UsageError
from trustcoach.export.formats import FORMATS

MAX_CLIENT = 60  # characters of a client's label
_UNSAFE_IN_NAME = re.compile(r"[^\w.-]+")  # \w: letters and digits of every script, and _


def check_client(label: str) -> str:
    """A client's label as given, refused in one sentence when it is empty, too long, or holds
    a character that is not text (a control character, a line break, a direction override)."""
    label = label.strip()
    if not label:
        raise UsageError("client_blank")
    if len(label) > MAX_CLIENT:
        raise UsageError("client_too_long", most=MAX_CLIENT)
    if any(unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp") for char in label):
        raise UsageError("client_not_text")
    return label


def file_label(label: str | None) -> str:
    """A client's label as part of a file name: letters, digits, '.', '_' and '-' of any
    script; anything else becomes '-' ("K.T." gives "K.T", "山田 花子" gives "山田-花子")."""
    if not label:
        return ""
    return _UNSAFE_IN_NAME.sub("-", unicodedata.normalize("NFC", label)).strip(".-_")[:40]


def default_output(session_id: str, fmt: str, client: str | None = None) -> Path:
    """Where an export goes when no --output is given: the current folder, named after the
    client (when labelled) and the session."""
    label = file_label(client)
    middle = f"{label}-" if label else ""
    return Path(f"trustcoach-{middle}{session_id}.{FORMATS[fmt].extension}")


def report_output(start: str, fmt: str, client: str | None = None) -> Path:
    """Where a report goes when no --output is given."""
    label = file_label(client)
    middle = f"{label}-" if label else ""
    return Path(f"trustcoach-{middle}report-{start}.{FORMATS[fmt].extension}")
