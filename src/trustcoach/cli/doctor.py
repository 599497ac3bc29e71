"""``trustcoach doctor``: the home's health and the user's packs, with what to do."""

import typer

from trustcoach.cli.common import open_store


def doctor() -> None:
    """Check the trustcoach home: permissions, leftovers, unreadable journals, broken packs."""
    from trustcoach.journal.health import Finding, examine
    from trustcoach.packs.validate import user_pack_problems
    from trustcoach.text import visible

    store = open_store()
    findings = examine(store)
    for path, exc in user_pack_problems(store.home):
        detail = f" ({exc.problems[0]})" if exc.problems else ""
        message = f"{exc.message}{detail}; run: trustcoach pack validate '{path}'"
        findings.append(Finding(False, message))
    typer.echo(f"trustcoach home: {store.home}")
    for finding in findings:
        typer.echo(visible(f"{'ok     ' if finding.ok else 'problem'}  {finding.text}"))
    problems = sum(not finding.ok for finding in findings)
    typer.echo("Everything looks fine." if not problems else f"{problems} problem(s) found.")
    if problems:
        raise typer.Exit(1)
