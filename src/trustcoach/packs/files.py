"""Where prompt packs are found on disk: the built-in ones and the user's own.

Listing packs needs no pack models, so this module stays free of pydantic.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

from trustcoach.names import LANGS

PACK_LIMIT = 1_000_000  # bytes: the largest pack file read; the built-in ones are 11 to 16 KB


def builtin_packs_dir() -> Path:
    """The packs that ship with trustcoach: inside the wheel, or the checkout's ``prompts/``.

    The package is always installed as plain files (packs are read as files), so its folder is
    found from ``__file__`` without importing ``importlib.resources``.
    """
    inside = Path(__file__).resolve().parents[1] / "prompts"
    if inside.is_dir():
        return inside
    return Path(__file__).resolve().parents[3] / "prompts"


def pack_dirs(home: Path | None) -> list[tuple[Path, bool]]:
    """Folders holding ``<lang>/<id>.toml`` packs, the user's first: (folder, builtin)."""
    dirs = [(builtin_packs_dir(), True)]
    if home is not None:
        dirs.insert(0, (home / "packs", False))
    return dirs


class PackEntry(NamedTuple):
    """One pack file found on disk, for ``pack list``."""

    id: str
    lang: str
    path: Path
    builtin: bool


def list_pack_files(home: Path | None) -> list[PackEntry]:
    """Every ``<lang>/<id>.toml`` in the pack folders, without reading them."""
    entries: list[PackEntry] = []
    for folder, builtin in pack_dirs(home):
        for lang in LANGS:
            lang_dir = folder / lang
            if not lang_dir.is_dir():
                continue
            for path in sorted(lang_dir.glob("*.toml")):
                entries.append(PackEntry(path.stem, lang, path, builtin))
    return entries


def quick_version(path: Path, expected_id: str) -> str:
    """A pack file's version, read without building the pack models (listing stays fast);
    "invalid" when the file is not TOML or its id or version is missing or wrong. The full
    check of every field is 'pack validate'.

    TOML puts top-level keys before the first table, so only the text before the first line
    that starts with ``[`` is parsed. When that cut falls inside an array or a multi-line
    string, the head does not parse and the whole file is read instead.
    """
    import contextlib

    from trustcoach.files import TomlReadError, read_regular, read_toml

    try:
        raw = read_regular(path, PACK_LIMIT)
    except OSError:  # missing, a folder, not a regular file (NotRegularFile), too large
        return "invalid"
    table = _TABLE_LINE.search(raw)
    data = None
    if table is not None:
        with contextlib.suppress(TomlReadError):
            data = read_toml(raw[: table.start()])
    if data is None:
        try:
            data = read_toml(raw)
        except TomlReadError:
            return "invalid"
    version = data.get("version")
    if data.get("id") != expected_id or not isinstance(version, str) or not version.strip():
        return "invalid"
    return version


_TABLE_LINE = re.compile(rb"^[ \t]*\[", re.MULTILINE)
