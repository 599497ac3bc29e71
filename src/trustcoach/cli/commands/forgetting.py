"""``trustcoach forget``: delete sessions and everything made from them, after saying what goes."""

import sys
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from trustcoach.cli.options import complete_session
from trustcoach.cli.run import command_lang, open_store
from trustcoach.cli.terminal.help_words import help_text
from trustcoach.cli.terminal.output import echo

if TYPE_CHECKING:
    from trustcoach.home.forgetting import Forgetting


def forget(
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
    from trustcoach.catalog.say import say
    from trustcoach.errors import UsageError
    from trustcoach.home import forgetting

    lang = command_lang()
    if (session is not None) == everything:
        raise UsageError("forget_which")
    store = open_store(words=not everything)  # forgetting all reads no words: no passphrase
    ids = None if session is None else [store.resolve(session)]
    plan = forgetting.plan_forgetting(store, ids)
    if not plan.ids:
        echo(say(lang, "forget_nothing"))
        return
    forgetting.claim(store, plan)  # a session open in another terminal: refused, nothing asked
    if not yes and not _confirmed(plan, lang):
        echo(say(lang, "forget_cancelled"))
        raise typer.Exit(1)
    done = forgetting.forget(store, plan)
    echo(say(lang, "forget_done", count=len(plan.ids)))
    if done.checkins_unreadable:
        echo(say(lang, "forget_checkins_unreadable", count=len(done.checkins_unreadable)))
    if done.reviews_unreadable:
        echo(say(lang, "forget_reviews_unreadable", count=len(done.reviews_unreadable)))
    if done.key_destroyed:  # said only when it was
        echo(say(lang, "forget_key_destroyed"))


def _confirmed(plan: "Forgetting", lang: str) -> bool:
    """Say what goes and ask; at a pipe, refuse (a script says --yes)."""
    from trustcoach.catalog.say import say
    from trustcoach.errors import SessionInterrupted, UsageError

    if not sys.stdin.isatty():
        raise UsageError("forget_pipe")
    from trustcoach.cli.dialogues.session import TerminalUI

    lines = [say(lang, "forget_intro", count=len(plan.ids))]
    days = zip(plan.days(), plan.ids, strict=True)
    lines += [say(lang, "forget_item", day=day, id=session) for day, session in days]
    lines += ["", say(lang, "forget_what")]
    if plan.copies:
        lines.append(say(lang, "forget_copies", count=len(plan.copies)))
    if plan.later_reviews:
        lines.append(say(lang, "forget_later_reviews", count=plan.later_reviews))
    if plan.everything and plan.locked:
        lines.append(say(lang, "forget_key_first"))
    lines.append(say(lang, "forget_not_exports"))
    try:
        return TerminalUI(lang).confirm("\n".join(lines), say(lang, "forget_confirm"))
    except (KeyboardInterrupt, EOFError):
        echo("")
        raise SessionInterrupted("forget_cancelled") from None
