"""A session's data as JSON (only what was kept), safe to print at a terminal."""

from __future__ import annotations

import json
import re

from trustcoach.export.document import SessionDocument

# json escapes C0 controls only; DEL, C1 controls and line and direction marks are escaped too.
_JSON_UNSAFE = re.compile(r"[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


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
    text = json.dumps(data, ensure_ascii=False, indent=2)
    # json escapes C0 controls only; escape DEL, C1 controls and line separators too, so that
    # printing the file cannot drive a terminal.
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text) + "\n"
