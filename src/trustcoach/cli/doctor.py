"""``trustcoach doctor``: the home's health and the user's packs, with what to do."""

from typing import TYPE_CHECKING

import typer

from trustcoach.cli.common import command_lang, open_store
from trustcoach.cli.output import echo

if TYPE_CHECKING:
    from trustcoach.catalog.keys import Key
    from trustcoach.journal.health import Finding


def doctor() -> None:
    """Check the trustcoach home: permissions, leftovers, unreadable journals, broken packs."""
    from trustcoach.catalog.say import Message, say, tell
    from trustcoach.journal.health import Finding, examine
    from trustcoach.packs.validate import user_pack_problems
    from trustcoach.text import visible

    lang = command_lang()
    store = open_store()
    findings = examine(store)
    for path, exc in user_pack_problems(store.home):
        values = {"message": exc.message, "path": path}
        if exc.problems:
            message = Message("doctor_pack", {**values, "problem": exc.problems[0]})
        else:
            message = Message("doctor_pack_plain", values)
        findings.append(Finding(False, message))
    echo(say(lang, "doctor_home", path=store.home))
    for finding in findings:
        text = tell(lang, finding.message)
        echo(visible(say(lang, _level(finding), text=text)))
    problems = sum(not finding.ok for finding in findings)
    echo(say(lang, "doctor_found", count=problems) if problems else say(lang, "doctor_fine"))
    if problems:
        raise typer.Exit(1)


def _level(finding: "Finding") -> "Key":
    """How a finding is labelled: a note, a check that passed, or a problem."""
    if finding.note:
        return "doctor_note"
    return "doctor_ok" if finding.ok else "doctor_problem"
