"""``trustcoach doctor``: the home's health and the user's packs, with what to do."""

from typing import TYPE_CHECKING

import typer

from trustcoach.cli.run import Run
from trustcoach.cli.terminal.output import echo

if TYPE_CHECKING:
    from trustcoach.catalog.keys import Key
    from trustcoach.home.health import Finding
    from trustcoach.journal.store import JournalStore


def doctor(ctx: typer.Context) -> None:
    """Check the trustcoach home: permissions, leftovers, unreadable journals, broken packs."""
    from trustcoach.home.health import examine

    run: Run = ctx.obj
    lang = run.choose_lang()
    store = run.open_store(words=False)  # the checks that need no passphrase come first
    echo(run.say("doctor_home", path=store.home))
    problems = _show(examine(store), run)
    problems += _show(_journal_findings(store, lang) + _pack_findings(store), run)
    echo(run.say("doctor_found", count=problems) if problems else run.say("doctor_fine"))
    if problems:
        raise typer.Exit(1)


def _show(findings: list["Finding"], run: Run) -> int:
    """Print findings, one line each; how many are problems."""
    from trustcoach.text import visible

    for finding in findings:
        text = run.tell(finding.message)
        echo(visible(run.say(_level(finding), text=text)))
    return sum(not finding.ok for finding in findings)


def _journal_findings(store: "JournalStore", lang: str) -> list["Finding"]:
    """Every journal read; in a locked home only when the passphrase is given (Enter skips:
    then only what shows without it)."""
    from trustcoach.errors import UsageError
    from trustcoach.home.health import examine_journals, sealed_headers
    from trustcoach.lock.keyfile import read_key_file

    if store.vault.locked:
        from trustcoach.cli.terminal.passphrase import Skipped, opener

        try:
            read_key_file(store.home)  # a damaged key file was named above
        except UsageError:
            return []
        store.vault.ask = opener(lambda: lang, skippable=True)
        try:
            store.vault.key()
        except Skipped:
            return sealed_headers(store)
    return examine_journals(store)


def _pack_findings(store: "JournalStore") -> list["Finding"]:
    from trustcoach.catalog.say import Message
    from trustcoach.home.health import Finding
    from trustcoach.packs.validate import user_pack_problems

    findings = []
    for path, exc in user_pack_problems(store.home):
        values = {"message": exc.message, "path": path}
        if exc.problems:
            message = Message("doctor_pack", {**values, "problem": exc.problems[0]})
        else:
            message = Message("doctor_pack_plain", values)
        findings.append(Finding(False, message))
    return findings


def _level(finding: "Finding") -> "Key":
    """How a finding is labelled: a note, a check that passed, or a problem."""
    if finding.note:
        return "doctor_note"
    return "doctor_ok" if finding.ok else "doctor_problem"
