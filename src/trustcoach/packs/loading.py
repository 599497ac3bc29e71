"""Reading a pack: from a file or by name, validated, with every problem listed by its place."""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from trustcoach.catalog.say import Message, words
from trustcoach.errors import PackError, UsageError
from trustcoach.files import NotRegularFile, TomlReadError, read_regular, read_toml
from trustcoach.names import ID_PATTERN
from trustcoach.packs.files import PACK_LIMIT, pack_dirs
from trustcoach.packs.lint import cost_problems, raw_unknown_placeholders, reference_problems
from trustcoach.packs.model import LoadedPack, Pack
from trustcoach.text import format_location

if TYPE_CHECKING:
    from trustcoach.catalog.keys import Key

PACK_NAME_RE = re.compile(ID_PATTERN)


# Pydantic's own kinds of problem that a counselor editing a pack meets, by their catalog key
# (the English words are pydantic's); any other kind is shown with pydantic's English reason.
_PYDANTIC_KINDS: dict[str, Key] = {
    "greater_than_equal": "pack_problem_at_least",
    "less_than_equal": "pack_problem_at_most",
    "int_type": "pack_problem_int",
    "int_parsing": "pack_problem_int_parsing",
    "int_from_float": "pack_problem_int_from_float",
    "bool_type": "pack_problem_bool",
    "bool_parsing": "pack_problem_bool_parsing",
    "string_type": "pack_problem_string",
    "list_type": "pack_problem_list",
    "model_type": "pack_problem_table",
}


def _describe(error: Any) -> Message:
    """One validation problem of a pack, with its place."""
    kind, loc = error["type"], tuple(error["loc"])
    place = format_location(loc) or Message("the_pack")
    context = error.get("ctx", {})
    problem: Message
    if kind == "extra_forbidden":
        problem = Message("pack_problem_unknown_key", {"key": loc[-1]})
    elif kind == "missing":
        problem = Message("pack_problem_missing")
    elif kind in ("string_too_short", "too_short") and loc and loc[-1] != "steps":
        problem = Message("pack_problem_empty")
    elif kind == "too_short":
        problem = Message("pack_problem_too_few", {**context, "count": context.get("min_length")})
    elif kind == "literal_error":  # pydantic's "'a', 'b' or 'c'", said as a list of the language
        expected = re.split(r", | or ", str(context.get("expected", "")))
        problem = Message("pack_problem_one_of", {"expected": expected})
    elif kind == "string_pattern_mismatch":
        problem = Message("pack_problem_id_pattern")
    elif kind in words("en"):  # a problem the pack models name by its catalog key
        problem = Message(kind, context)
    elif kind == "string_too_long":
        length = len(error["input"]) if isinstance(error.get("input"), str) else "?"
        problem = Message("pack_problem_too_long", {**context, "length": length})
    elif kind in _PYDANTIC_KINDS:
        problem = Message(_PYDANTIC_KINDS[kind], context)
    else:
        problem = Message("pydantic_reason", {"reason": error["msg"]})
    return Message("at_place", {"place": place, "problem": problem})


def parse_pack(data: dict[str, Any]) -> Pack:
    """Validate a pack's data; every problem is listed in the raised PackError."""
    try:
        pack = Pack.model_validate(data)
    except ValidationError as exc:
        problems = [_describe(error) for error in exc.errors()]
        problems += raw_unknown_placeholders(data)
        raise PackError("pack_has_problems", count=len(problems), problems=problems) from None
    problems = reference_problems(pack)[0] + cost_problems(pack)
    if problems:
        raise PackError("pack_has_problems", count=len(problems), problems=problems)
    return pack


def read_pack_bytes(path: Path) -> bytes:
    """The bytes of a pack file: a regular file of at most PACK_LIMIT bytes (PackError
    otherwise, in one sentence)."""
    try:
        return read_regular(path, PACK_LIMIT)
    except FileNotFoundError:
        raise PackError("pack_no_file", path=path) from None
    except NotRegularFile as exc:
        raise PackError("at_path", path=path, problem=exc.message) from None
    except OSError as exc:
        raise PackError("pack_unreadable", path=path, reason=exc.strerror) from None


def load_pack_file(path: Path, *, builtin: bool = False) -> LoadedPack:
    """Read and validate one pack file."""
    raw = read_pack_bytes(path)
    try:
        data = read_toml(raw)
    except TomlReadError as exc:
        raise _not_toml(path, exc.message) from None
    try:
        pack = parse_pack(data)
    except PackError as exc:
        from trustcoach.packs.locate import Locator

        locator = Locator(path, raw.decode("utf-8", "replace").removeprefix("\ufeff"), data)
        problems = [locator.locate(problem) for problem in exc.problems]
        raise PackError("at_path", path=path, problem=exc.message, problems=problems) from None
    return LoadedPack(pack, path, hashlib.sha256(raw).hexdigest(), builtin)


def _not_toml(path: Path, message: Message) -> PackError:
    """A pack file that is not TOML, said as the other problems are: ``path:line: why``, with
    the parser's own (English) words in parentheses."""
    if message.key != "toml_invalid_at":
        return PackError("at_path", path=path, problem=message)
    line, column, reason = (message.values[key] for key in ("line", "column", "reason"))
    problem = Message("pack_toml_invalid", {"column": column, "reason": reason})
    return PackError("at_path_line", path=path, line=line, problem=problem)


def find_pack(name_or_path: str, lang: str, home: Path | None) -> LoadedPack:
    """Load a pack by name (user packs first, then built-in) or by a path to a TOML file."""
    if "/" in name_or_path or "\\" in name_or_path or name_or_path.endswith(".toml"):
        path = Path(name_or_path)
        with contextlib.suppress(RuntimeError):  # "~nouser/...": read as written, not found
            path = path.expanduser()
        return load_pack_file(path)
    if not PACK_NAME_RE.fullmatch(name_or_path):
        raise UsageError("pack_not_a_name", name=name_or_path)
    for folder, builtin in pack_dirs(home):
        candidate = folder / lang / f"{name_or_path}.toml"
        if os.path.lexists(candidate):  # whatever it is, reading it says what is wrong
            loaded = load_pack_file(candidate, builtin=builtin)
            if loaded.pack.id != name_or_path:
                raise PackError(
                    "pack_id_mismatch", path=candidate, id=loaded.pack.id, name=name_or_path
                )
            return LoadedPack(loaded.pack, loaded.path, loaded.sha256, builtin, by_name=True)
    raise UsageError("pack_not_found", name=name_or_path, lang=lang)


def find_session_pack(pack_id: str, source: str, lang: str, home: Path) -> LoadedPack:
    """The pack a session was made with: from the file it was loaded from when it was given by
    path, else by its name; UsageError when that is no longer the same pack."""
    loaded = find_pack(source or pack_id, lang, home)
    if loaded.pack.id != pack_id:
        raise UsageError("session_pack_missing", id=pack_id)
    return loaded
