"""The command line: typer commands that parse, call the modules that do the work, and print.

Heavy modules (rich's renderables, pydantic models, the session engine) are imported inside
the commands that use them, so ``--help`` and ``--version`` stay fast.

This module does not use ``from __future__ import annotations``: typer reads every command's
annotations on each run, and evaluating them once at import is about 7 ms faster than having
typer evaluate them from strings again and again.
"""

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from trustcoach import __version__
from trustcoach.errors import TrustcoachError, UsageError

if TYPE_CHECKING:
    from trustcoach.packs import LoadedPack
    from trustcoach.store import JournalStore

app = typer.Typer(
    name="trustcoach",
    help="A guided self-reflection for rebuilding a partner's trust. Private: nothing leaves "
    "this computer.",
    invoke_without_command=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
pack_app = typer.Typer(help="See, check and copy prompt packs.", rich_markup_mode=None)
app.add_typer(pack_app, name="pack")

LangOption = Annotated[
    Optional[str],  # noqa: UP045  (typer reads the annotation at run time)
    typer.Option("--lang", help="Language of the session: ja or en (default: from the locale)."),
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"trustcoach {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show a full traceback when something fails.")
    ] = False,
) -> None:
    """trustcoach: a calm, private guide for rebuilding trust, one honest step at a time."""
    if ctx.invoked_subcommand is None:
        from trustcoach.clock import now
        from trustcoach.index import scan
        from trustcoach.views import home_text

        found, unreadable = scan(_store())
        typer.echo(home_text(found, now().date(), len(unreadable), locale_lang()))


_OPEN_STORES: list["JournalStore"] = []  # their session locks are let go when a command ends


def _store() -> "JournalStore":
    from trustcoach.home import home_dir
    from trustcoach.store import JournalStore

    store = JournalStore(home_dir())
    _OPEN_STORES.append(store)
    return store


def _complete_session(incomplete: str) -> list[str]:
    """Session ids (and ``latest``) for shell completion."""
    try:
        ids = _store().session_ids()
    except Exception:
        return []
    return [i for i in ["latest", *reversed(ids)] if i.startswith(incomplete)]


def _complete_pack(incomplete: str) -> list[str]:
    """Pack names for shell completion."""
    from trustcoach.home import home_dir
    from trustcoach.pack_files import list_pack_files

    try:
        names = sorted({entry.id for entry in list_pack_files(home_dir())})
    except Exception:
        return []
    return [name for name in names if name.startswith(incomplete)]


def locale_lang() -> str:
    """``ja`` when the locale is Japanese, else ``en``."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            return "ja" if value.lower().startswith("ja") else "en"
    return "en"


def _check_lang(lang: str | None) -> str:
    if lang is None:
        return locale_lang()
    if lang not in ("ja", "en"):
        raise UsageError(f"--lang must be ja or en, not '{lang}'")
    return lang


def _load_pack(name: str, lang: str) -> "LoadedPack":
    from trustcoach.home import home_dir
    from trustcoach.packs import find_pack

    return find_pack(name, lang, home_dir())


@app.command()
def start(
    lang: LangOption = None,
    pack: Annotated[
        str,
        typer.Option(
            "--pack",
            help="A pack name or a path to a pack's .toml file.",
            autocompletion=_complete_pack,
        ),
    ] = "trust-repair",
    answers: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--answers", help="Answer every question from a TOML file, unattended."),
    ] = None,
) -> None:
    """Start a new guided session; every answer is saved as you give it."""
    from trustcoach.clock import now
    from trustcoach.session import Session

    chosen = _check_lang(lang)
    loaded = _load_pack(pack, chosen)
    store = _store()
    session = Session(loaded, store, now, open_commitments=_open_commitments(store))
    if answers is not None:
        from trustcoach.answers_file import read_answers_file

        journal = session.run_unattended(*read_answers_file(answers))
        typer.echo(f"Session {journal.id} is complete: {store.path_for(journal.id)}")
        return
    store.ensure()
    _run_interactive(session, loaded.pack.lang)


@app.command()
def resume(
    session_id: Annotated[
        Optional[str],  # noqa: UP045
        typer.Argument(
            metavar="ID",
            help="The session to continue (default: the latest).",
            autocompletion=_complete_session,
        ),
    ] = None,
) -> None:
    """Continue an unfinished session at its first unanswered question."""
    from trustcoach.clock import now
    from trustcoach.packs import find_pack
    from trustcoach.session import Session

    store = _store()
    chosen = store.latest_unfinished() if session_id is None else store.resolve(session_id)
    store.ensure()
    store.hold(chosen)
    journal = store.load(chosen)
    if journal.status == "complete":
        typer.echo(f"Session {chosen} is already complete; 'trustcoach show {chosen}' shows it.")
        return
    loaded = find_pack(journal.pack_source or journal.pack, journal.lang, store.home)
    if loaded.pack.id != journal.pack:
        raise UsageError(f"the pack of session {chosen} ('{journal.pack}') cannot be found")
    session = Session(loaded, store, now, journal, _open_commitments(store, exclude=chosen))
    _run_interactive(session, journal.lang)


def _open_commitments(store: "JournalStore", exclude: str | None = None) -> list[Any]:
    from trustcoach.history import open_commitments
    from trustcoach.index import history

    return open_commitments(history(store), exclude_session=exclude)


def _run_interactive(session: Any, lang: str) -> None:
    from trustcoach.errors import SessionInterrupted
    from trustcoach.messages import say
    from trustcoach.ui import TerminalUI

    ui = TerminalUI(lang)
    try:
        session.run(ui)
    except (KeyboardInterrupt, EOFError):
        typer.echo("", err=False)
        if session.session_id:
            raise SessionInterrupted(say(lang, "interrupted", id=session.session_id)) from None
        raise SessionInterrupted(say(lang, "interrupted_nothing")) from None


JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]
SessionArg = Annotated[
    str,
    typer.Argument(metavar="ID|latest", help="A session id, a unique prefix of one, or latest."),
]


@app.command("list")
def list_sessions(as_json: JsonOption = False) -> None:
    """List past sessions, newest first: date, status, ratings, commitments kept."""
    from trustcoach.index import scan
    from trustcoach.views import list_rows, list_text

    found, unreadable = scan(_store())
    if as_json:
        import json

        rows = list_rows(found, unreadable)
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        typer.echo(list_text(found, unreadable, locale_lang()))


@app.command()
def show(session: SessionArg) -> None:
    """Show one session, readable, in the language it was answered in."""
    from trustcoach.document import show_text

    typer.echo(show_text(_document(session)))


def _document(ref: str) -> Any:
    from trustcoach.document import build, find_pack_for

    store = _store()
    journal = store.load(store.resolve(ref))
    return build(journal, find_pack_for(journal, store.home))


NamesOption = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option(help="Step or question ids, repeated or comma-separated; 'reviews' too."),
]


@app.command()
def export(
    session: Annotated[
        Optional[str],  # noqa: UP045
        typer.Argument(
            metavar="ID|latest",
            help="The session to export (not with --since).",
            autocompletion=_complete_session,
        ),
    ] = None,
    format: Annotated[str, typer.Option("--format", help="md, json or html.")] = "md",
    output: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--output", "-o", help="Write to this file instead of standard output."),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace an existing --output file.")
    ] = False,
    share: Annotated[
        bool, typer.Option("--share", help="Choose answer by answer what goes in, then preview.")
    ] = False,
    only: NamesOption = None,
    exclude: NamesOption = None,
    since: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--since", help="A report over all sessions from this date (YYYY-MM-DD)."),
    ] = None,
) -> None:
    """Export a session (or a report since a date) as Markdown, JSON or printable HTML."""
    from trustcoach import exporting
    from trustcoach.sharing import split_names

    exporting.check_format(format)
    only_names, exclude_names = split_names(only or []), split_names(exclude or [])
    store = _store()
    if since is not None:
        if session is not None or share:
            raise UsageError(
                "--since makes a report over several sessions: leave out ID and --share"
            )
        from trustcoach.clock import now

        text = exporting.report_text(
            store, since, format, only=only_names, exclude=exclude_names, today=now().date()
        )
    else:
        if session is None:
            raise UsageError("say which session to export: an id, a prefix of one, or latest")
        ui = None
        if share:
            from trustcoach.outputs import check_output
            from trustcoach.ui import TerminalUI

            session_id = store.resolve(session)
            output = output or exporting.default_output(session_id, format)
            check_output(output, force=force)  # before the client spends time choosing
            ui = TerminalUI(store.load(session_id).lang)
        try:
            doc, session_id = exporting.session_document(
                store, session, only_names, exclude_names, ui
            )
            text = exporting.render_session(doc, format)
            if ui is not None:
                from trustcoach.document import show_text

                assert output is not None
                if not ui.confirm_export(show_text(doc), output):
                    raise typer.Exit(1)
        except (KeyboardInterrupt, EOFError):
            from trustcoach.errors import SessionInterrupted

            raise SessionInterrupted("Nothing was written.") from None
    if output is None:
        typer.echo(text, nl=not text.endswith("\n"))
        return
    from trustcoach.outputs import write_new_file

    write_new_file(output, text, force=force)
    typer.echo(f"Wrote {output}")


@app.command()
def progress(
    as_json: JsonOption = False,
    show_all: Annotated[bool, typer.Option("--all", help="A row for every session.")] = False,
) -> None:
    """Ratings over time as a chart, and commitments made and kept."""
    from trustcoach.index import scan
    from trustcoach.views import progress_data, progress_text

    found, unreadable = scan(_store())
    if as_json:
        import json

        data = progress_data(found, unreadable)
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        typer.echo(progress_text(found, unreadable, show_all, locale_lang()))


@pack_app.command("list")
def pack_list() -> None:
    """List the prompt packs you can use, built-in and your own."""
    from trustcoach.home import home_dir
    from trustcoach.pack_commands import print_pack_list

    print_pack_list(home_dir())


@pack_app.command("show")
def pack_show(
    name: Annotated[str, typer.Argument(help="A pack name or a path to a pack's .toml file.")],
    lang: LangOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the pack as JSON.")] = False,
) -> None:
    """Show a pack's steps and questions."""
    from trustcoach.pack_commands import print_pack

    print_pack(_load_pack(name, _check_lang(lang)), as_json=as_json)


@pack_app.command("init")
def pack_init(
    name: Annotated[str, typer.Argument(help="The new pack's name, e.g. my-practice.")],
    source: Annotated[
        str,
        typer.Option(
            "--from",
            help="The pack to copy.",
            autocompletion=_complete_pack,
        ),
    ] = "trust-repair",
    lang: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--lang", help="Copy only this language (default: ja and en)."),
    ] = None,
) -> None:
    """Copy a pack into your packs folder, with comments that explain every field."""
    from trustcoach.home import home_dir
    from trustcoach.pack_init import init_pack

    langs = [_check_lang(lang)] if lang else ["ja", "en"]
    for path in init_pack(home_dir(), name, source, langs):
        typer.echo(f"Created {path}")
    typer.echo(
        f"Edit it, check it with 'trustcoach pack validate FILE', and run it with "
        f"'trustcoach start --pack {name}'."
    )


@pack_app.command("validate")
def pack_validate(
    path: Annotated[Path, typer.Argument(help="The pack's .toml file.")],
) -> None:
    """Check a pack file and list every problem with its place."""
    from trustcoach.pack_commands import validate_pack

    validate_pack(path)


@app.command()
def doctor() -> None:
    """Check the trustcoach home: permissions, leftovers, unreadable journals, broken packs."""
    from trustcoach.doctor import examine
    from trustcoach.text import visible

    store = _store()
    findings = examine(store)
    typer.echo(f"trustcoach home: {store.home}")
    for finding in findings:
        typer.echo(visible(f"{'ok     ' if finding.ok else 'problem'}  {finding.text}"))
    problems = sum(not finding.ok for finding in findings)
    typer.echo("Everything looks fine." if not problems else f"{problems} problem(s) found.")
    if problems:
        raise typer.Exit(1)


def main(argv: list[str] | None = None) -> None:
    """Run the program; user errors become one sentence on stderr and a non-zero exit."""
    args = sys.argv[1:] if argv is None else argv
    debug = "--debug" in args
    try:
        app(args=args, prog_name="trustcoach")
    except TrustcoachError as exc:
        if debug:
            raise
        _print_error(exc)
        sys.exit(exc.exit_code)
    except Exception as exc:
        if debug:
            raise
        typer.echo(
            f"trustcoach: unexpected problem ({type(exc).__name__}: {exc}). "
            "Your saved answers are safe. Run the command again with --debug for details.",
            err=True,
        )
        sys.exit(70)
    finally:
        while _OPEN_STORES:
            _OPEN_STORES.pop().release_all()


def _print_error(exc: TrustcoachError) -> None:
    from trustcoach.errors import SessionInterrupted
    from trustcoach.text import visible

    if isinstance(exc, SessionInterrupted):
        typer.echo(visible(exc.message), err=True)
        return
    typer.echo(f"trustcoach: {visible(exc.message)}", err=True)
    for problem in getattr(exc, "problems", []):
        typer.echo(f"  - {visible(problem)}", err=True)
