"""What ``trustcoach pack ...`` prints: pack lists, a pack as text or JSON, validation reports."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from trustcoach.errors import PackError
from trustcoach.packs import LoadedPack, list_pack_files, load_pack_file
from trustcoach.text import visible


def print_pack_list(home: Path) -> None:
    """One line per pack file: id, language, version, where it is; broken packs say so."""
    entries = list_pack_files(home)
    if not entries:
        typer.echo("No packs found.")
        return
    for entry in entries:
        origin = "built-in" if entry.builtin else "yours"
        try:
            pack = load_pack_file(entry.path, builtin=entry.builtin).pack
            version, title = pack.version, pack.title
        except PackError:
            version, title = "?", "(has problems: run 'trustcoach pack validate' on it)"
        typer.echo(
            visible(f"{entry.id:<20} {entry.lang}  {version:<8} {origin:<8} {title}  {entry.path}")
        )


def pack_as_dict(loaded: LoadedPack) -> dict[str, object]:
    """The pack in the documented JSON shape."""
    data = loaded.pack.model_dump(mode="json", exclude_none=True)
    ordered: dict[str, object] = {key: data.pop(key) for key in ("id", "lang", "version")}
    ordered.update(data)
    return ordered


def print_pack(loaded: LoadedPack, *, as_json: bool) -> None:
    """A pack as JSON, or as readable text."""
    if as_json:
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


def validate_pack(path: Path) -> None:
    """Say that a pack is valid, or raise PackError listing every problem."""
    loaded = load_pack_file(path)
    pack = loaded.pack
    count = sum(len(step.questions) for step in pack.steps)
    typer.echo(
        visible(
            f"{path}: valid pack '{pack.id}' {pack.version} ({pack.lang}), "
            f"{len(pack.steps)} steps, {count} questions"
        )
    )
