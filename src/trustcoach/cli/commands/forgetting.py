"""``trustcoach forget``: delete sessions and everything made from them, after saying what goes."""

import sys
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from trustcoach.cli.options import complete_session
from trustcoach.cli.run import Run
from trustcoach.cli.terminal.help_words import help_text
from trustcoach.cli.terminal.output import echo

if TYPE_CHECKING:
    from trustcoach.home.forgetting import Forgetting


def forget(
    ctx: typer.Context,
    session: Annotated[
        Optional[str],  # noqa: UP045
        typer.Argument(
            metavar="ID|latest",
            help=help_text("help_forget_session"),
            autocompletion=complete_session,
        ),
    ] = None,
    everything: Annotated[bool, typer.Option("--all", help=help_text("help_forget_all"))] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help=help_text("help_yes"))] = False,
) -> None:
    """Delete sessions and everything made from them, for good (asks first)."""
    from trustcoach.errors import UsageError
    from trustcoach.home import forgetting

    run: Run = ctx.obj
    run.choose_lang()
    if (session is not None) == everything:
        raise UsageError("forget_which")
    store = run.open_store(words=not everything)  # forgetting all reads no words: no passphrase
    ids = None if session is None else [store.resolve(session)]
    plan = forgetting.plan_forgetting(store, ids)
    if not plan.ids:
        echo(run.say("forget_nothing"))
        return
    forgetting.claim(store, plan)  # a session open in another terminal: refused, nothing asked
    if not yes and not _confirmed(plan, run):
        echo(run.say("forget_cancelled"))
        raise typer.Exit(1)
    done = forgetting.forget(store, plan)
    echo(run.say("forget_done", count=len(plan.ids)))
    if done.checkins_unreadable:
        echo(run.say("forget_checkins_unreadable", count=len(done.checkins_unreadable)))
    if done.reviews_unreadable:
        echo(run.say("forget_reviews_unreadable", count=len(done.reviews_unreadable)))
    if done.key_destroyed:  # said only when it was
        echo(run.say("forget_key_destroyed"))


def _confirmed(plan: "Forgetting", run: Run) -> bool:
    """Say what goes and ask; at a pipe, refuse (a script says --yes)."""
    from trustcoach.errors import SessionInterrupted, UsageError

    if not sys.stdin.isatty():
        raise UsageError("forget_pipe")
    from trustcoach.cli.dialogues.session import TerminalUI

    lines = [run.say("forget_intro", count=len(plan.ids))]
    days = zip(plan.days(), plan.ids, strict=True)
    lines += [run.say("forget_item", day=day, id=session) for day, session in days]
    lines += ["", run.say("forget_what")]
    if plan.copies:
        lines.append(run.say("forget_copies", count=len(plan.copies)))
    if plan.later_reviews:
        lines.append(run.say("forget_later_reviews", count=plan.later_reviews))
    if plan.everything and plan.locked:
        lines.append(run.say("forget_key_first"))
    lines.append(run.say("forget_not_exports"))
    try:
        ui = TerminalUI(run.lang, program=run.program)
        return ui.confirm("\n".join(lines), run.say("forget_confirm"))
    except (KeyboardInterrupt, EOFError):
        echo("")
        raise SessionInterrupted("forget_cancelled") from None
