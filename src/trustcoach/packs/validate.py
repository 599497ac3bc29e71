"""``pack validate`` and ``doctor``: a pack file checked in full, with warnings that do not stop
it from running."""

from __future__ import annotations

import os
from pathlib import Path

from trustcoach.catalog.say import Message
from trustcoach.errors import PackError
from trustcoach.names import LANGS
from trustcoach.packs.files import list_pack_files
from trustcoach.packs.lint import language_mismatches, reference_problems
from trustcoach.packs.loading import load_pack_file
from trustcoach.packs.model import LoadedPack


def validation_warnings(loaded: LoadedPack) -> list[Message]:
    """Placeholders without an earlier answer, and disagreements with the other language."""
    warnings = reference_problems(loaded.pack)[1]
    path = loaded.path
    if path.parent.name in LANGS and path.stem != loaded.pack.id:
        values = {"id": loaded.pack.id, "file": path.name, "stem": path.stem}
        warnings.append(Message("pack_id_file_mismatch", values))
    if path.parent.name in LANGS:
        for lang in LANGS:
            sibling = path.parent.parent / lang / path.name
            if lang == loaded.pack.lang or not os.path.lexists(sibling):
                continue
            try:
                other = load_pack_file(sibling).pack
            except PackError:
                warnings.append(Message("sibling_broken", {"lang": lang, "path": sibling}))
                continue
            warnings += [
                Message("in_file", {"problem": problem, "path": sibling})
                for problem in language_mismatches(loaded.pack, other)
            ]
    return warnings


def validate_pack_file(path: Path) -> tuple[LoadedPack, list[Message]]:
    """A pack file, validated, with its warnings; PackError lists every problem."""
    loaded = load_pack_file(path)
    return loaded, validation_warnings(loaded)


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
