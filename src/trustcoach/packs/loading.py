"""Reading a pack: from a file or by name, validated, with every problem listed by its place."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from trustcoach.errors import PackError, UsageError
from trustcoach.files import TomlReadError, read_toml
from trustcoach.names import ID_PATTERN
from trustcoach.packs.files import pack_dirs
from trustcoach.packs.lint import raw_unknown_placeholders, reference_problems
from trustcoach.packs.model import LoadedPack, Pack
from trustcoach.text import format_location

PACK_NAME_RE = re.compile(ID_PATTERN)


def _describe(error: Any) -> str:
    kind, loc = error["type"], tuple(error["loc"])
    if kind == "extra_forbidden":
        return f"{format_location(loc)}: unknown key '{loc[-1]}' (check its spelling)"
    if kind == "missing":
        return f"{format_location(loc)}: this key is required but missing"
    if kind in ("string_too_short", "too_short") and loc and loc[-1] != "steps":
        return f"{format_location(loc)}: must not be empty"
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        return f"{format_location(loc)}: must be one of {expected}"
    if kind == "string_pattern_mismatch":
        return (
            f"{format_location(loc)}: use lowercase letters, digits, '-' or '_', "
            "starting with a letter (at most 40)"
        )
    message = str(error["msg"]).removeprefix("Value error, ")
    return f"{format_location(loc)}: {message}"


def parse_pack(data: dict[str, Any]) -> Pack:
    """Validate a pack's data; every problem is listed in the raised PackError."""
    try:
        pack = Pack.model_validate(data)
    except ValidationError as exc:
        problems = [_describe(error) for error in exc.errors()]
        problems += raw_unknown_placeholders(data)
        raise PackError(f"the pack has {len(problems)} problem(s)", problems) from None
    problems = reference_problems(pack)[0]
    if problems:
        raise PackError(f"the pack has {len(problems)} problem(s)", problems)
    return pack


def load_pack_file(path: Path, *, builtin: bool = False) -> LoadedPack:
    """Read and validate one pack file."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise PackError(f"{path}: no such pack file") from None
    except OSError as exc:
        raise PackError(f"{path}: cannot be read ({exc.strerror})") from None
    try:
        data = read_toml(raw)
    except TomlReadError as exc:
        raise PackError(f"{path}: {exc}") from None
    try:
        pack = parse_pack(data)
    except PackError as exc:
        raise PackError(f"{path}: {exc.message}", exc.problems) from None
    return LoadedPack(pack, path, hashlib.sha256(raw).hexdigest(), builtin)


def find_pack(name_or_path: str, lang: str, home: Path | None) -> LoadedPack:
    """Load a pack by name (user packs first, then built-in) or by a path to a TOML file."""
    if "/" in name_or_path or "\\" in name_or_path or name_or_path.endswith(".toml"):
        loaded = load_pack_file(Path(name_or_path).expanduser())
        return loaded
    if not PACK_NAME_RE.fullmatch(name_or_path):
        raise UsageError(
            f"'{name_or_path}' is not a pack name: use lowercase letters, digits, '-' or '_', "
            "or give a path to a .toml file"
        )
    for folder, builtin in pack_dirs(home):
        candidate = folder / lang / f"{name_or_path}.toml"
        if candidate.is_file():
            loaded = load_pack_file(candidate, builtin=builtin)
            if loaded.pack.id != name_or_path:
                raise PackError(
                    f'{candidate} says id = "{loaded.pack.id}"; make it "{name_or_path}", '
                    "the file's name, so that its sessions can find it again"
                )
            return LoadedPack(loaded.pack, loaded.path, loaded.sha256, builtin, by_name=True)
    raise UsageError(
        f"there is no pack named '{name_or_path}' in {lang}: 'trustcoach pack list' shows them"
    )




def find_session_pack(pack_id: str, source: str, lang: str, home: Path) -> LoadedPack:
    """The pack a session was made with: from the file it was loaded from when it was given by
    path, else by its name; UsageError when that is no longer the same pack."""
    loaded = find_pack(source or pack_id, lang, home)
    if loaded.pack.id != pack_id:
        raise UsageError(f"the pack '{pack_id}' this session was made with cannot be found")
    return loaded
