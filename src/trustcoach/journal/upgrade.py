"""Journals of an earlier schema version, read as the current one.

- Version 1: the first format.
- Version 2 adds ``labels`` to the answers of a choice: the labels the user saw, one for each
  chosen value, in their order. Version 1 kept them only joined into ``shown``.

A journal is upgraded as it is read, in memory; its file changes only when trustcoach saves
it again (a session resumed), and is then written in the current version.
"""

from __future__ import annotations

from typing import Any

from trustcoach.catalog.say import Message, say
from trustcoach.errors import JournalError
from trustcoach.names import LANGS

CURRENT = 2
READABLE = (1, 2)


def upgraded(data: dict[str, Any]) -> dict[str, Any]:
    """Parsed journal data of a readable version as data of the current one (the same dict
    when it is current, or when its version is not a whole number, for the model to refuse);
    JournalError for a key its version did not have yet."""
    version = data.get("schema_version")
    if type(version) is not int or version == CURRENT:
        return data
    answers = data.get("answers")
    lang = data.get("lang")
    if not isinstance(answers, list):
        return {**data, "schema_version": CURRENT}
    for index, answer in enumerate(answers):
        if isinstance(answer, dict) and "labels" in answer:
            reason = Message("journal_unknown_key")
            raise JournalError("journal_invalid", place=f"answers[{index}].labels", reason=reason)
    if lang in LANGS:
        answers = [_with_labels(answer, lang) for answer in answers]
    return {**data, "schema_version": CURRENT, "answers": answers}


def _with_labels(answer: Any, lang: str) -> Any:
    """A version 1 answer with the labels of its choice, as far as ``shown`` tells them: the
    label of a single choice is all of it; the labels of several are its parts between the
    language's list separators, when there are as many as values (a label that holds the
    separator, or ends a sentence, makes them not known). Anything else is left as it was,
    for the model to check."""
    if not isinstance(answer, dict) or answer.get("skipped") is True:
        return answer
    kind, value, shown = answer.get("kind"), answer.get("value"), answer.get("shown")
    if not isinstance(shown, str) or not shown:
        return answer
    if kind == "choice" and isinstance(value, str):
        return {**answer, "labels": [shown]}
    if kind == "multi" and isinstance(value, list):
        parts = shown.split(say(lang, "list_separator"))
        if len(parts) == len(value):
            return {**answer, "labels": parts}
    return answer
