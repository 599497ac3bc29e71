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


def session_pack_file(pack_id: str, source: str, lang: str, home: Path | None) -> Path | None:
    """The file of the pack a session was made with, found without building the pack models:
    the path it was given by, else ``<lang>/<id>.toml`` in the pack folders (None when gone)."""
    if source and ("/" in source or "\\" in source or source.endswith(".toml")):
        return Path(source).expanduser()
    for folder, _ in pack_dirs(home):
        candidate = folder / lang / f"{pack_id}.toml"
        if candidate.is_file():
            return candidate
    return None


def quick_counselor(path: Path, expected_id: str) -> str | None:
    """The ``[counselor] name`` of a pack file, read without building the pack models (only
    that table is parsed when it can be); None when there is none or the file is not the pack
    ``expected_id``. The full check is 'pack validate'."""
    import contextlib

    from trustcoach.files import TomlReadError, read_regular, read_toml

    try:
        raw = read_regular(path, PACK_LIMIT)
    except OSError:
        return None
    data: dict[str, object] | None = None
    table = _COUNSELOR_TABLE.search(raw)
    head = _TABLE_LINE.search(raw)
    if table is not None and head is not None:
        following = _TABLE_LINE.search(raw, table.end())
        part = raw[: head.start()] + raw[table.start() : following.start() if following else None]
        with contextlib.suppress(TomlReadError):
            data = read_toml(part)
    if data is None:
        try:
            data = read_toml(raw)
        except TomlReadError:
            return None
    counselor = data.get("counselor")
    if data.get("id") != expected_id or not isinstance(counselor, dict):
        return None
    name = counselor.get("name")
    if not isinstance(name, str) or not name.strip() or len(name) > MAX_COUNSELOR_NAME:
        return None
    return name.strip()


MAX_COUNSELOR_NAME = 500  # as the pack model's one-line texts
_COUNSELOR_TABLE = re.compile(rb"^[ \t]*\[counselor\][ \t]*(#.*)?$", re.MULTILINE)
