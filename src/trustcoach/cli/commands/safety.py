"""``trustcoach safety``: the safety text again, whenever it is needed, without a session."""

from typing import TYPE_CHECKING, Annotated, Optional

import typer

from trustcoach.cli.options import LangOption, complete_pack
from trustcoach.cli.run import Run
from trustcoach.cli.terminal.help_words import help_text
from trustcoach.cli.terminal.output import echo
from trustcoach.default_pack import DEFAULT_PACK

if TYPE_CHECKING:
    from trustcoach.packs.model import LoadedPack


def safety(
    ctx: typer.Context,
    lang: LangOption = None,
    pack: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--pack", help=help_text("help_safety_pack"), autocompletion=complete_pack),
    ] = None,
) -> None:
    """Show the safety text again: what to do if you or anyone else is in danger."""
    from trustcoach.packs.safety import counselor_line, safety_text

    run: Run = ctx.obj
    chosen = run.choose_lang(lang)
    loaded = _safety_pack(pack, chosen)
    counselor = counselor_line(loaded.pack, chosen)
    echo(safety_text(loaded.pack, chosen) + (f"\n\n{counselor}" if counselor else ""))


def _safety_pack(name: str | None, lang: str) -> "LoadedPack":
    """The pack named with ``--pack``; else the pack of the latest session (a counselor's pack
    lists local services), and the built-in pack whenever that one cannot be read: this
    command must answer even when the home is in trouble."""
    from trustcoach.errors import TrustcoachError
    from trustcoach.files import home_dir
    from trustcoach.packs.loading import find_pack

    if name is not None:
        return find_pack(name, lang, home_dir())
    try:
        from trustcoach.journal.store import JournalStore

        store = JournalStore(home_dir())
        journal = store.load(store.resolve("latest"))
        return find_pack(journal.pack_source or journal.pack, lang, store.home)
    except (TrustcoachError, OSError):
        return find_pack(DEFAULT_PACK, lang, None)
