"""``trustcoach pack list|show|init|validate``: see, copy and check prompt packs."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from trustcoach.cli.common import DEFAULT_PACK, LangOption, check_lang, complete_pack
from trustcoach.packs.files import list_pack_files, quick_version
from trustcoach.text import visible

if TYPE_CHECKING:
    from trustcoach.packs.model import LoadedPack


def _print_pack_list(home: Path) -> None:
    """One line per pack: id, version, languages, built-in or yours, and where it is."""
    entries = list_pack_files(home)
    if not entries:
        typer.echo("No packs found.")
        return
    groups: dict[tuple[str, bool], list[tuple[str, Path, str]]] = {}
    for entry in entries:
        version = quick_version(entry.path, entry.id)
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


def pack_as_dict(loaded: "LoadedPack") -> dict[str, object]:
    """The pack in the documented JSON shape."""
    data = loaded.pack.model_dump(mode="json", exclude_none=True)
    ordered: dict[str, object] = {key: data.pop(key) for key in ("id", "lang", "version")}
    ordered.update(data)
    return ordered


def _print_pack(loaded: "LoadedPack", *, as_json: bool) -> None:
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


def pack_list() -> None:
    """List the prompt packs you can use, built-in and your own."""
    from trustcoach.files import home_dir

    _print_pack_list(home_dir())


def pack_show(
    name: Annotated[str, typer.Argument(help="A pack name or a path to a pack's .toml file.")],
    lang: LangOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the pack as JSON.")] = False,
) -> None:
    """Show a pack's steps and questions."""
    from trustcoach.files import home_dir
    from trustcoach.packs.loading import find_pack

    _print_pack(find_pack(name, check_lang(lang), home_dir()), as_json=as_json)


def pack_init(
    name: Annotated[str, typer.Argument(help="The new pack's name, e.g. my-practice.")],
    source: Annotated[
        str, typer.Option("--from", help="The pack to copy.", autocompletion=complete_pack)
    ] = DEFAULT_PACK,
    lang: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--lang", help="Copy only this language (default: ja and en)."),
    ] = None,
) -> None:
    """Copy a pack into your packs folder, with comments that explain every field."""
    from trustcoach.files import home_dir
    from trustcoach.packs.init import init_pack

    langs = [check_lang(lang)] if lang else ["ja", "en"]
    for path in init_pack(home_dir(), name, source, langs):
        typer.echo(f"Created {path}")
    typer.echo(
        f"Edit it, check it with 'trustcoach pack validate FILE', and run it with "
        f"'trustcoach start --pack {name}'."
    )


def pack_validate(
    path: Annotated[Path, typer.Argument(help="The pack's .toml file.")],
) -> None:
    """Check a pack file and list every problem with its place."""
    from trustcoach.packs.validate import validate_pack_file

    loaded, warnings = validate_pack_file(path)
    pack = loaded.pack
    count = sum(len(step.questions) for step in pack.steps)
    lines = [
        f"{path}: valid pack '{pack.id}' {pack.version} ({pack.lang}), "
        f"{len(pack.steps)} steps, {count} questions"
    ]
    lines += [f"  warning: {warning}" for warning in warnings]
    typer.echo(visible("\n".join(lines)))
