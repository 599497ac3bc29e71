"""``pack validate`` and ``doctor``: a pack checked in full, every language of it together, with
warnings that do not stop it from running.

``pack validate NAME`` checks every language file of the user's pack of that name (or of the
built-in one); ``pack validate PATH`` checks that file, and with it the files of the same name
in its sibling language folders when it sits in ``<lang>/``. Every problem names its file,
its line and the question (or step) by id.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import NamedTuple

from trustcoach.catalog.say import Message
from trustcoach.errors import PackError, UsageError
from trustcoach.names import LANGS
from trustcoach.packs.files import list_pack_files, pack_dirs
from trustcoach.packs.languages import mismatches
from trustcoach.packs.lint import reference_problems
from trustcoach.packs.loading import PACK_NAME_RE, load_pack_file
from trustcoach.packs.locate import Locator, at, locate_all
from trustcoach.packs.model import LoadedPack


class Checked(NamedTuple):
    """Every language file of a pack that validates, and the warnings about them."""

    packs: list[LoadedPack]
    warnings: list[Message]


def is_path(ref: str) -> bool:
    """Whether ``pack validate`` was given a path rather than a pack's name."""
    return "/" in ref or "\\" in ref or ref.endswith(".toml")


def pack_files(ref: str, home: Path | None) -> list[Path]:
    """The files of a pack: a path and its siblings in the other language folders, or every
    language of the user's pack of that name (else of the built-in one)."""
    if is_path(ref):
        path = Path(ref)
        with contextlib.suppress(RuntimeError):  # "~nouser/...": read as written, not found
            path = path.expanduser()
        files = [path]
        if path.parent.name in LANGS:
            for lang in LANGS:
                sibling = path.parent.parent / lang / path.name
                if lang != path.parent.name and os.path.lexists(sibling):
                    files.append(sibling)
        return files
    if not PACK_NAME_RE.fullmatch(ref):
        raise UsageError("pack_not_a_name", name=ref)
    for folder, _ in pack_dirs(home):
        found = [folder / lang / f"{ref}.toml" for lang in LANGS]
        found = [path for path in found if os.path.lexists(path)]
        if found:
            return found
    raise UsageError("pack_not_found_any", name=ref)


def validate(ref: str, home: Path | None) -> Checked:
    """Check every file of a pack and the languages against each other; PackError lists every
    problem of every file at once."""
    files = pack_files(ref, home)
    loaded: list[tuple[LoadedPack, Locator]] = []
    problems: list[Message] = []
    warnings: list[Message] = []
    for path in files:
        try:
            one = load_pack_file(path)
        except PackError as exc:
            if len(files) == 1:
                raise
            problems += exc.problems or [exc.message]  # each names its file already
            continue
        locator = _locator(one.path)
        loaded.append((one, locator))
        warnings += [locator.locate(w) for w in reference_problems(one.pack)[1]]
        if path.parent.name in LANGS and path.stem != one.pack.id:
            values = {"id": one.pack.id, "file": path.name, "stem": path.stem}
            where = at(path, locator.line(("id",)), "id", Message("pack_id_file_mismatch", values))
            warnings.append(where)
    for other in loaded[1:]:
        errors, notes = mismatches(loaded[0], other)
        problems += errors
        warnings += notes
    if problems:
        if len(files) == 1:
            count = Message("pack_has_problems", {"count": len(problems)})
            raise PackError("at_path", path=files[0], problem=count, problems=problems)
        name = loaded[0][0].pack.id if loaded else Path(files[0]).stem
        raise PackError("pack_files_problems", id=name, count=len(problems), problems=problems)
    return Checked([one for one, _ in loaded], warnings)


def _locator(path: Path) -> Locator:
    from trustcoach.files import TomlReadError, read_toml
    from trustcoach.packs.locate import read_text

    text = read_text(path)
    try:
        data = read_toml(text.encode("utf-8"))
    except TomlReadError:
        data = {}
    return Locator(path, text, data)


def shown_problems(loaded: LoadedPack, problems: list[Message]) -> list[Message]:
    """Problems of drawing a pack's texts (``at_place``), at their lines."""
    return locate_all(loaded.path, problems)


def user_pack_problems(home: Path) -> list[tuple[Path, PackError]]:
    """The user's own packs that do not validate, with why."""
    problems = []
    for entry in list_pack_files(home):
        if entry.builtin:
            continue
        try:
            load_pack_file(entry.path)
        except PackError as exc:
            problems.append((entry.path, exc))
    return problems
