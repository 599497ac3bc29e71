"""``trustcoach lock [--change]`` and ``unlock``: the whole home encrypted with a passphrase."""

from typing import TYPE_CHECKING, Annotated

import typer

from trustcoach.cli.run import Run
from trustcoach.cli.terminal.help_words import help_text
from trustcoach.cli.terminal.output import echo
from trustcoach.cli.terminal.progress import ProgressBar

if TYPE_CHECKING:
    from trustcoach.catalog.keys import Key
    from trustcoach.home.locking import Outcome
    from trustcoach.lock.vault import Vault


def lock(
    ctx: typer.Context,
    change: Annotated[bool, typer.Option("--change", help=help_text("help_lock_change"))] = False,
) -> None:
    """Lock every journal with a passphrase (or, with --change, choose a new passphrase)."""
    from trustcoach.cli.terminal.passphrase import new_passphrase
    from trustcoach.files import home_dir
    from trustcoach.home import locking

    run: Run = ctx.obj
    lang = run.choose_lang()
    vault = run.vault_of(home_dir())
    if change:
        _change(vault, run)
        return
    if _resume_change(vault, run):
        return
    was_locked = vault.locked
    outcome = locking.lock(vault, new_passphrase(lang, first_lock=True), progress=_bar(lang))
    if was_locked and not outcome.changed:
        echo(run.say("lock_already"))
    else:
        said: Key = "lock_finished" if was_locked else "lock_done"
        if not was_locked and not outcome.changed:
            said = "lock_done_empty"  # nothing written yet: "0 files are encrypted" reads oddly
        echo(run.say(said, count=outcome.changed, path=vault.home))
    if outcome.others:
        echo(run.say("lock_others", count=outcome.others), err=True)
    if outcome.skipped:
        _tell_skipped(outcome, run, "lock_skipped")
        raise typer.Exit(1)


def unlock(ctx: typer.Context) -> None:
    """Turn a locked home back into plain files that any editor can read."""
    from trustcoach.files import home_dir
    from trustcoach.home import locking

    run: Run = ctx.obj
    lang = run.choose_lang()
    vault = run.vault_of(home_dir())
    if not vault.locked:
        echo(run.say("unlock_not_locked"))
        return
    outcome = locking.unlock(vault, progress=_bar(lang))
    if outcome.skipped:
        _tell_skipped(outcome, run, "unlock_skipped")
        raise typer.Exit(1)
    echo(run.say("unlock_done", count=outcome.changed, path=vault.home))


def _change(vault: "Vault", run: Run) -> None:
    """A new passphrase, and every file locked again with a new key."""
    from trustcoach.cli.terminal.passphrase import new_passphrase
    from trustcoach.home import rekeying

    outcome = rekeying.change(vault, new_passphrase(run.lang), progress=_bar(run.lang))
    echo(run.say("lock_changed", count=outcome.changed + outcome.already))
    if outcome.skipped:
        _tell_skipped(outcome, run, "change_skipped")
        raise typer.Exit(1)


def _resume_change(vault: "Vault", run: Run) -> bool:
    """Finish a passphrase change that was cut short; whether there was one."""
    from trustcoach.home import rekeying

    outcome = rekeying.resume(vault, progress=_bar(run.lang))
    if outcome is None:
        return False
    echo(run.say("lock_change_finished", count=outcome.changed))
    if outcome.skipped:
        _tell_skipped(outcome, run, "change_skipped")
        raise typer.Exit(1)
    return True


def _bar(lang: str) -> ProgressBar:
    return ProgressBar(lang, "converting_files")


def _tell_skipped(outcome: "Outcome", run: Run, key: "Key") -> None:
    """Each file left as it was, with why."""
    from trustcoach.text import visible

    for item in outcome.skipped:
        reason = run.tell(item.problem)
        echo(visible(run.say(key, path=item.path, problem=reason)), err=True)

