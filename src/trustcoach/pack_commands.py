"""What ``trustcoach pack ...`` prints: pack lists, a pack as text or JSON, validation reports."""

from __future__ import annotations

import contextlib
import re
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from trustcoach.names import LANGS
from trustcoach.pack_files import list_pack_files
from trustcoach.text import visible

if TYPE_CHECKING:
    from trustcoach.packs import LoadedPack


def print_pack_list(home: Path) -> None:
    """One line per pack: id, version, languages, built-in or yours, and where it is."""
    entries = list_pack_files(home)
    if not entries:
        typer.echo("No packs found.")
        return
    groups: dict[tuple[str, bool], list[tuple[str, Path, str]]] = {}
    for entry in entries:
        version = _quick_version(entry.path, entry.id)
        groups.setdefault((entry.id, entry.builtin), []).append((entry.lang, entry.path, version))
    lines = [f"{'pack':<20} {'version':<9} {'languages':<10} {'origin':<9} folder"]
    for (pack_id, builtin), files in groups.items():
        versions = sorted({version for _, _, version in files})
        langs = ",".join(sorted(lang for lang, _, _ in files))
        folder = files[0][1].parent.parent
        lines.append(
            f"{pack_id:<20} {'/'.join(versions):<9} {langs:<10} "
            f"{'built-in' if builtin else 'yours':<9} {folder}"
        )
    if any(version == "invalid" for files in groups.values() for *_, version in files):
        lines.append(
            "A pack marked invalid has problems: 'trustcoach pack validate FILE' lists them."
        )
    typer.echo(visible("\n".join(lines)))


def _quick_version(path: Path, expected_id: str) -> str:
    """A pack file's version, read without building the pack models (listing stays fast);
    "invalid" when the file is not TOML or its id or version is missing or wrong. The full
    check of every field is 'pack validate'.

    TOML puts top-level keys before the first table, so only the text before the first line
    that starts with ``[`` is parsed. When that cut falls inside an array or a multi-line
    string, the head does not parse and the whole file is read instead.
    """
    from trustcoach.tomlio import TomlReadError, read_toml

    try:
        raw = path.read_bytes()
    except OSError:
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


def pack_as_dict(loaded: LoadedPack) -> dict[str, object]:
    """The pack in the documented JSON shape."""
    data = loaded.pack.model_dump(mode="json", exclude_none=True)
    ordered: dict[str, object] = {key: data.pop(key) for key in ("id", "lang", "version")}
    ordered.update(data)
    return ordered


def print_pack(loaded: LoadedPack, *, as_json: bool) -> None:
    """A pack as JSON, or as readable text."""
    if as_json:
        import json

        typer.echo(json.dumps(pack_as_dict(loaded), ensure_ascii=False, indent=2))
        return
    pack = loaded.pack
    lines = [f"{pack.title} ({pack.id} {pack.version}, {pack.lang})", str(loaded.path), ""]
    for index, step in enumerate(pack.steps, start=1):
        lines.append(f"{index}. {step.title}  [{step.id}]")
        for question in step.questions:
            optional = "" if question.required else ", optional"
            lines.append(f"   - {question.id} ({question.kind}{optional}): {question.prompt}")
        lines.append("")
    typer.echo(visible("\n".join(lines).rstrip()))


def validation_warnings(loaded: LoadedPack) -> list[str]:
    """Placeholders without an earlier answer, and disagreements with the other language."""
    from trustcoach.errors import PackError
    from trustcoach.packs import language_mismatches, load_pack_file, reference_problems

    warnings = reference_problems(loaded.pack)[1]
    path = loaded.path
    if path.parent.name in LANGS and path.stem != loaded.pack.id:
        warnings.append(
            f"the id is '{loaded.pack.id}' but the file is named '{path.name}': "
            f"'--pack {path.stem}' will refuse it until they are the same"
        )
    if path.parent.name in LANGS:
        for lang in LANGS:
            sibling = path.parent.parent / lang / path.name
            if lang == loaded.pack.lang or not sibling.is_file():
                continue
            try:
                other = load_pack_file(sibling).pack
            except PackError:
                warnings.append(f"the {lang} version ({sibling}) has problems of its own")
                continue
            warnings += [
                f"{problem} ({sibling})" for problem in language_mismatches(loaded.pack, other)
            ]
    return warnings


def validate_pack(path: Path) -> None:
    """Say that a pack is valid (with any warnings), or raise PackError listing every problem."""
    from trustcoach.packs import load_pack_file

    loaded = load_pack_file(path)
    pack = loaded.pack
    count = sum(len(step.questions) for step in pack.steps)
    lines = [
        f"{path}: valid pack '{pack.id}' {pack.version} ({pack.lang}), "
        f"{len(pack.steps)} steps, {count} questions"
    ]
    lines += [f"  warning: {warning}" for warning in validation_warnings(loaded)]
    typer.echo(visible("\n".join(lines)))
