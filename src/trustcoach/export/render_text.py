"""One session as plain text for reading in the terminal (``trustcoach show``, share previews)."""

from __future__ import annotations

from trustcoach.catalog.say import say
from trustcoach.export.document import SharedSession
from trustcoach.text import columns, visible


def render(doc: SharedSession) -> str:
    """One session for reading in the terminal."""
    lang = doc.lang
    out = [doc.title, "=" * min(columns(doc.title), 60)]
    out += [say(lang, "labelled", label=key, value=value) for key, value in doc.meta]
    if doc.reviews:
        out += ["", f"## {say(lang, 'doc_reviews')}"]
        out += [f"  - {review.line}" for review in doc.reviews]
    for section in doc.sections:
        out += ["", f"## {section.title}"]
        for item in section.items:
            out += ["", f"{item.prompt}"]
            # the items of a list each after a dash, so that a wrapped item reads as one
            dash = "- " if item.kind == "list" and not item.skipped else ""
            out += [f"  {dash}{line}" for line in item.words.split("\n")]
    if doc.commitments:
        out += ["", f"## {say(lang, 'doc_commitments')}"]
        out += [f"  {n}. {c.line}" for n, c in enumerate(doc.commitments, start=1)]
    if doc.left_out:
        out += ["", say(lang, "doc_left_out", count=doc.left_out)]
    return visible("\n".join(out))
