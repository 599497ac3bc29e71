"""What ``trustcoach`` alone shows: the last session, open commitments, and how to go on."""

from __future__ import annotations

import typer

from trustcoach.journal import JournalStore
from trustcoach.text import visible


def show_home(store: JournalStore) -> None:
    """A short home screen built from the journals."""
    readable = [found.journal for found in store.scan() if found.journal is not None]
    lines = ["trustcoach: a guided reflection for rebuilding trust. Nothing leaves this computer."]
    if not readable:
        lines += ["", "No sessions yet. Begin with:  trustcoach start   (or: --lang ja)"]
        typer.echo("\n".join(lines))
        return
    last = readable[-1]
    state = "complete" if last.status == "complete" else "unfinished"
    lines += ["", f"Last session: {last.id} ({last.started_at:%Y-%m-%d}, {state})"]
    ratings = [
        f"{answer.question} {answer.value}"
        for answer in last.answers
        if answer.kind == "rating" and not answer.skipped
    ]
    if ratings:
        lines.append("Ratings: " + ", ".join(ratings))
    open_items = [c for c in last.commitments]
    if open_items:
        lines.append("Commitments from it:")
        lines += [f"  - {c.text} (by {c.due.isoformat()})" for c in open_items]
    lines.append("")
    if last.status != "complete":
        lines.append("Continue it with:  trustcoach resume")
    lines.append("Start a new session with:  trustcoach start")
    typer.echo(visible("\n".join(lines)))
