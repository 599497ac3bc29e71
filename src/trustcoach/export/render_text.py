"""One session as plain text for reading in the terminal (``trustcoach show``, share previews)."""

from __future__ import annotations

from trustcoach.export.document import SessionDocument, label
from trustcoach.text import columns, visible


def render(doc: SessionDocument) -> str:
    """One session for reading in the terminal."""
    lang = doc.lang
    out = [doc.title, "=" * min(columns(doc.title), 60)]
    out += [f"{key}: {value}" for key, value in doc.meta]
    if doc.reviews:
        out += ["", f"## {label(lang, 'reviews')}"]
        out += [f"  - {line}" for line in doc.reviews]
    for section in doc.sections:
        out += ["", f"## {section.title}"]
        for item in section.items:
            out += ["", f"{item.prompt}"]
            out += [f"  {line}" for line in item.answer.split("\n")]
    if doc.commitments:
        out += ["", f"## {label(lang, 'commitments')}"]
        out += [f"  {n}. {line}" for n, line in enumerate(doc.commitments, start=1)]
    if doc.left_out:
        out += ["", label(lang, "left_out", count=doc.left_out)]
    return visible("\n".join(out))
