"""Where prompt packs are found on disk: the built-in ones and the user's own.

Listing packs needs no pack models, so this module stays free of pydantic.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from trustcoach.names import LANGS


def builtin_packs_dir() -> Path:
    """The packs that ship with trustcoach: inside the wheel, or the checkout's ``prompts/``.

    The package is always installed as plain files (packs are read as files), so its folder is
    found from ``__file__`` without importing ``importlib.resources``.
    """
    inside = Path(__file__).resolve().parent / "prompts"
    if inside.is_dir():
        return inside
    return Path(__file__).resolve().parents[2] / "prompts"


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
