"""A session's shared data as JSON, safe to print at a terminal.

The fields are those of the document (named as in the journal), less the words made for
reading (``words``, ``line``) and the document's own labels; a field added to the document is
exported with it.
"""

from __future__ import annotations

from typing import Any

import msgspec

from trustcoach.export.document import SharedSession
from trustcoach.text import json_text

_FOR_READING = {"words", "line", "codes"}


def _plain(value: Any) -> Any:
    """A document's tables as JSON data (dates as ISO 8601 text), without the words made for
    reading and without absent values."""
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    data: dict[str, Any] = msgspec.to_builtins(value)
    return {k: v for k, v in data.items() if k not in _FOR_READING and v is not None}


def data(doc: SharedSession) -> dict[str, Any]:
    """The shared session as JSON-ready data."""
    answers = [item for section in doc.sections for item in section.items]
    return {
        **_plain(doc.info),
        "answers": _plain(answers),
        "commitments": _plain(doc.commitments),
        "reviews": _plain(doc.reviews),
        "left_out": doc.left_out,
    }


def render(doc: SharedSession) -> str:
    """The session's shared data as JSON."""
    # json escapes C0 controls only; json_text escapes DEL, C1 controls and line and direction
    # marks too, so that printing the file cannot drive a terminal.
    return json_text(data(doc)) + "\n"
