"""``trustcoach pack list|show|init|validate``: see, copy and check prompt packs."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from trustcoach.catalog.say import Message, say
from trustcoach.cli.options import LangOption, complete_pack
from trustcoach.cli.run import Run
from trustcoach.cli.terminal.help_words import help_text
from trustcoach.cli.terminal.output import echo, echo_data
from trustcoach.default_pack import DEFAULT_PACK
from trustcoach.text import columns, json_text, pad, reflow, visible

if TYPE_CHECKING:
    from trustcoach.packs.model import LoadedPack

INVALID = "invalid"  # what quick_version gives for a pack file it cannot read


def _print_pack_list(home: Path, run: Run) -> None:
    """One line per pack (id, version, languages, built-in or yours), with the folder it is
    in on the line below, so that a long path never pushes the columns past the screen."""
    from trustcoach.packs.files import list_pack_files, quick_version

    entries = list_pack_files(home)
    if not entries:
        echo(run.say("pack_list_none"))
        return
    groups: dict[tuple[str, bool], list[tuple[str, Path, str]]] = {}
    for entry in entries:
        version = quick_version(entry.path, entry.id)
        groups.setdefault((entry.id, entry.builtin), []).append((entry.lang, entry.path, version))
    rows = [[run.say(key) for key in ("pack_h_pack", "pack_h_version", "pack_h_langs")]]
    rows[0].append(run.say("pack_h_origin"))
    folders = [run.say("pack_h_folder")]
    for (pack_id, builtin), files in groups.items():
        versions = sorted({version for _, _, version in files})
        shown = "/".join(run.say("pack_invalid") if v == INVALID else v for v in versions)
        langs = ",".join(sorted(lang for lang, _, _ in files))
        rows.append([pack_id, shown, langs, run.say("pack_builtin" if builtin else "pack_yours")])
        folders.append(str(files[0][1].parent.parent))
    widths = [max(columns(row[n]) for row in rows) for n in range(3)]
    lines = []
    for row, folder in zip(rows, folders, strict=True):
        cells = [pad(cell, width) for cell, width in zip(row, widths, strict=False)]
        lines += ["  ".join([*cells, row[3]]), f"  {folder}"]
    if any(version == INVALID for files in groups.values() for *_, version in files):
        lines.append(run.say("pack_list_invalid"))
    echo(visible("\n".join(lines)))


def pack_as_dict(loaded: "LoadedPack") -> dict[str, object]:
    """The pack in the documented JSON shape."""
    data = loaded.pack.model_dump(mode="json", exclude_none=True)
    ordered: dict[str, object] = {key: data.pop(key) for key in ("id", "lang", "version")}
    ordered.update(data)
    return ordered


def _print_pack(loaded: "LoadedPack", lang: str, *, as_json: bool) -> None:
    """A pack as JSON, or as readable text."""
    if as_json:
        echo_data(json_text(pack_as_dict(loaded)))
        return
    pack = loaded.pack
    values = {"title": pack.title, "id": pack.id, "version": pack.version, "lang": pack.lang}
    lines = [say(lang, "pack_show_title", **values), str(loaded.path), ""]
    for index, step in enumerate(pack.steps, start=1):
        lines.append(f"{index}. {step.title}  [{step.id}]")
        for q in step.questions:
            kind = q.kind if q.share else say(lang, "pack_show_private", kind=q.kind)
            values = {"id": q.id, "kind": kind, "prompt": reflow(q.prompt)}
            if q.required:
                lines.append(say(lang, "pack_show_question", **values))
            else:
                lines.append(say(lang, "pack_show_question_optional", **values))
        lines.append("")
    if any(not q.share for _, q in pack.questions()):
        lines.append(say(lang, "pack_show_private_note"))
    echo(visible("\n".join(lines).rstrip()))


def _check_shown(loaded: "LoadedPack") -> None:
    """Draw every text of the pack as a session would (into memory); PackError lists each
    text that cannot be shown, so that a pack that validates never fails on the screen."""
    from trustcoach.cli.dialogues.pack_preview import preview_problems
    from trustcoach.errors import PackError
    from trustcoach.packs.validate import shown_problems

    problems = preview_problems(loaded.pack)
    if problems:
        count = Message("pack_has_problems", {"count": len(problems)})
        located = shown_problems(loaded, problems)
        raise PackError("at_path", path=loaded.path, problem=count, problems=located)


def pack_list(ctx: typer.Context) -> None:
    """List the prompt packs you can use, built-in and your own."""
    from trustcoach.files import home_dir

    run: Run = ctx.obj
    run.choose_lang()
    _print_pack_list(home_dir(), run)


def pack_show(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help=help_text("help_pack_ref"))],
    lang: LangOption = None,
    as_json: Annotated[bool, typer.Option("--json", help=help_text("help_pack_json"))] = False,
    format: Annotated[str, typer.Option("--format", help=help_text("help_pack_format"))] = "text",
) -> None:
    """Show a pack's steps and questions."""
    from trustcoach.errors import UsageError
    from trustcoach.files import home_dir
    from trustcoach.packs.loading import find_pack

    run: Run = ctx.obj
    chosen = run.choose_lang(lang)
    if format not in ("text", "fhir"):
        raise UsageError("pack_show_format", value=format)
    loaded = find_pack(name, chosen, home_dir())
    if format == "fhir":
        from trustcoach.export.fhir import questionnaire

        echo_data(json_text(questionnaire(loaded.pack)) + "\n")
        return
    _print_pack(loaded, chosen, as_json=as_json)


def pack_init(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help=help_text("help_init_name"))],
    source: Annotated[
        str,
        typer.Option("--from", help=help_text("help_init_from"), autocompletion=complete_pack),
    ] = DEFAULT_PACK,
    lang: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--lang", help=help_text("help_init_lang")),
    ] = None,
) -> None:
    """Copy a pack into your packs folder, with comments that explain every field."""
    from trustcoach.files import home_dir
    from trustcoach.packs.init import init_pack, source_langs

    run: Run = ctx.obj
    run.choose_lang(lang)
    for path in init_pack(home_dir(), name, source, source_langs(source, lang, home_dir())):
        echo(run.say("pack_created", path=path))
    echo(run.say("pack_init_next", name=name))


def pack_validate(
    ctx: typer.Context,
    pack: Annotated[str, typer.Argument(metavar="NAME|PATH", help=help_text("help_validate_path"))],
) -> None:
    """Check a pack (every language of it) and list every problem with its file and line."""
    from trustcoach.files import home_dir
    from trustcoach.packs.validate import validate

    run: Run = ctx.obj
    run.choose_lang()
    checked = validate(pack, home_dir())
    lines = []
    for loaded in checked.packs:
        _check_shown(loaded)
        found = loaded.pack
        count = sum(len(step.questions) for step in found.steps)
        valid = run.say(
            "pack_valid",
            path=loaded.path,
            id=found.id,
            version=found.version,
            lang=found.lang,
            steps=Message("count_steps", {"count": len(found.steps)}),
            questions=Message("count_questions", {"count": count}),
        )
        lines.append(valid)
    lines += [run.say("pack_warning", warning=run.tell(w)) for w in checked.warnings]
    echo(visible("\n".join(lines)))
