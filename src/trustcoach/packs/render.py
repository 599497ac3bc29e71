"""Pack texts as they are shown: placeholders filled with earlier answers, answers as words.

The session, the journal's ``shown`` field and the document every export is made from
(``export/build.py``) use them, so that an answer reads the same wherever it is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from trustcoach.catalog.say import say
from trustcoach.names import PLACEHOLDER_RE

if TYPE_CHECKING:
    import re

    from trustcoach.packs.model import Pack, Question


def answer_words(value: Any, lang: str, question: Question | None = None) -> str:
    """An answer as words: choice labels instead of values (when the question is known),
    yes or no for a confirmation, list items joined."""

    def label(item: Any) -> str:
        return question.choice_label(str(item)) if question is not None else str(item)

    if isinstance(value, bool):
        return say(lang, "yes" if value else "no")
    if isinstance(value, list):
        return joined([label(item) for item in value], lang)
    if question is not None and question.kind == "choice":
        return label(value)
    return str(value)


SENTENCE_ENDS = (".", "!", "?", "。", "！", "？")


def joined(items: list[str], lang: str) -> str:
    """Items in one line: after an item that ends a sentence, the gap between sentences (a
    comma after a full stop reads as a typo), else the language's list separator."""
    out = ""
    for number, item in enumerate(items):
        if number:
            ends = out.rstrip().endswith(SENTENCE_ENDS)
            out += say(lang, "sentence_gap" if ends else "list_separator")
        out += item
    return out


def fill_placeholders(text: str, words: Callable[[str], str | None]) -> str:
    """``text`` with every ``{question_id}`` replaced by ``words(question_id)``; a placeholder
    for which ``words`` gives None is left as written."""

    def fill(match: re.Match[str]) -> str:
        found = words(match.group(1))
        return match.group(0) if found is None else found

    return PLACEHOLDER_RE.sub(fill, text)


def render(text: str, pack: Pack, answers: dict[str, Any]) -> str:
    """A pack text as shown: lines reflowed, ``{question_id}`` filled with earlier answers
    (empty while a question is not answered yet; a name that is no question stays as written)."""
    from trustcoach.text import reflow

    def words(name: str) -> str | None:
        question = pack.question(name)
        if question is None:
            return None
        return answer_words(answers[name], pack.lang, question) if name in answers else ""

    return fill_placeholders(reflow(text), words)
