"""A session's data as JSON (only what was kept), safe to print at a terminal."""

from __future__ import annotations

from trustcoach.export.document import SessionDocument
from trustcoach.text import json_text


def render(doc: SessionDocument) -> str:
    """The journal's data (only what was kept) as JSON."""
    from trustcoach.journal.model import as_json_data

    data = as_json_data(doc.journal)
    shown = {item.question: item.prompt for section in doc.sections for item in section.items}
    data["answers"] = [
        {**a, "prompt": shown[a["question"]]} for a in data["answers"] if a["question"] in shown
    ]
    kept = set(shown)
    data["commitments"] = [c for c in data["commitments"] if c["question"] in kept]
    if not doc.reviews:
        data["reviews"] = []
    data["left_out"] = doc.left_out
    # json escapes C0 controls only; json_text escapes DEL, C1 controls and line and direction
    # marks too, so that printing the file cannot drive a terminal.
    return json_text(data) + "\n"
