"""Journals as TOML text, in the order and form trustcoach has always written them."""

from __future__ import annotations

from typing import Any

from msgspec import structs

from trustcoach.files import dump_toml
from trustcoach.journal.model import ADDED_FIELDS, Answer, Journal, as_data

_TABLES = ("answers", "commitments", "reviews")


def _table(array: str, fields: dict[str, Any]) -> str:
    """One ``[[array]]`` table of plain values (no nested tables), as TOML text; fields added
    after the first format are left out while they hold their default."""
    added = ADDED_FIELDS.get(array, {})
    kept = {k: v for k, v in fields.items() if k not in added or v != added[k]}
    return f"[[{array}]]\n" + dump_toml(kept).decode("utf-8")


class JournalWriter:
    """Encodes a journal as TOML, remembering the text of every answer it has encoded.

    A journal is written again after every answer. Answers never change once recorded, so only
    the new ones are encoded, which keeps a save fast however long the journal grows.
    """

    def __init__(self) -> None:
        self._answers: list[tuple[Answer, str]] = []

    def encode(self, journal: Journal) -> bytes:
        """The journal as TOML bytes; absent optional fields are left out."""
        head = {
            key: value
            for key, value in structs.asdict(journal).items()
            if key not in _TABLES and value is not None
        }
        parts = [dump_toml(head).decode("utf-8")]
        parts += self._answer_tables(journal.answers)
        parts += [_table("commitments", as_data(c)) for c in journal.commitments]
        parts += [_table("reviews", as_data(r)) for r in journal.reviews]
        return "\n".join(parts).encode("utf-8")

    def _answer_tables(self, answers: list[Answer]) -> list[str]:
        known = self._answers
        tables = []
        for index, answer in enumerate(answers):
            if index < len(known) and known[index][0] is answer:
                tables.append(known[index][1])
                continue
            text = _table("answers", as_data(answer))
            known[index:] = [(answer, text)]
            tables.append(text)
        del known[len(answers) :]
        return tables
