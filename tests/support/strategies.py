"""Journals generated from the model (hypothesis), for the round-trip guarantee and the model
tests: strategies built from the fields' types, so a new field is covered."""

from __future__ import annotations

import types
import typing
from datetime import date, datetime, timedelta, timezone
from typing import Any

import msgspec
from hypothesis import strategies as st

from trustcoach.journal.model import SCHEMA_VERSION, Answer, Journal

SPECIALS = [
    "\x00",
    "\x07",
    "\x08",
    "\t",
    "\n",
    "\x0b",
    "\x0c",
    "\r",
    "\r\n",
    "\x1b[31m",
    "\x1b]0;t\x07",
    "\x7f",
    "\x85",
    "\x9b",
    "\u2028",
    "\u2029",
    "\u202e",
    "\ufeff",
    "\ufffd",
    "\U0010ffff",
    "😀",
    '"',
    "'",
    '"""',
    "'''",
    "\\",
    "\\u0041",
    "\\n",
    "#",
    "[x]",
    "[[a]]",
    "=",
    " ",
    "　",
    "é",
    "e\u0301",
    "ﬁ",
    "١٢",
    "${x}",
    "{partner}",
]
PIECES = st.lists(st.one_of(st.sampled_from(SPECIALS), st.text(max_size=4)), max_size=12)
LONG = st.text(min_size=1, max_size=3).map(lambda piece: piece * 2_000)  # long strings
# long strings are rarer, so that a journal of many fields stays quick to write and read
TEXT = st.one_of(st.text(), st.text(), PIECES.map("".join), PIECES.map("".join), LONG)
OFFSETS = st.integers(min_value=-23 * 60 - 59, max_value=23 * 60 + 59).map(
    lambda minutes: timezone(timedelta(minutes=minutes))
)
DATETIMES = st.datetimes(
    min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30), timezones=st.none() | OFFSETS
)
PATTERNS = {  # ASCII digits where the model's patterns say \d
    r"^\d{8}-\d{6}-[0-9a-f]{4}$": r"\A[0-9]{8}-[0-9]{6}-[0-9a-f]{4}\Z",
    r"^c\d{1,2}$": r"\Ac[0-9]{1,2}\Z",
}


def strategy_for(annotation: Any) -> st.SearchStrategy[Any]:
    """Values of a journal model field, generated from its type (so new fields are covered)."""
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        pattern = next((m.pattern for m in args[1:] if getattr(m, "pattern", None)), None)
        if pattern is not None:
            return st.from_regex(PATTERNS.get(pattern, pattern), fullmatch=True)
        return strategy_for(args[0])
    if annotation is str:
        return TEXT
    if annotation is bool:
        return st.booleans()
    if annotation is int:
        return st.integers(min_value=-(2**63), max_value=2**63 - 1)
    if annotation is datetime:
        return DATETIMES
    if annotation is date:
        return st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))
    if origin is typing.Literal:
        return st.sampled_from(args)
    if origin in (typing.Union, types.UnionType):
        return st.one_of([strategy_for(arg) for arg in args])
    if annotation is type(None):
        return st.none()
    if origin is list:
        return st.lists(strategy_for(args[0]), max_size=3)
    if isinstance(annotation, type) and issubclass(annotation, msgspec.Struct):
        return model_strategy(annotation)
    raise AssertionError(f"no strategy for {annotation!r}: teach strategy_for about it")


# An answer's value fits its kind (a journal whose rating is text is refused when read).
VALUES_BY_KIND = {
    "text": TEXT,
    "choice": TEXT,
    "rating": st.integers(min_value=-(2**63), max_value=2**63 - 1),
    "confirm": st.booleans(),
    "multi": st.lists(TEXT, max_size=3),
    "list": st.lists(TEXT, max_size=3),
}


def model_strategy(model: type[msgspec.Struct], **fixed: Any) -> st.SearchStrategy[Any]:
    fields = {}
    hints = typing.get_type_hints(model, include_extras=True)
    for info in msgspec.structs.fields(model):
        if info.name in fixed:
            fields[info.name] = st.just(fixed[info.name])
        else:
            fields[info.name] = strategy_for(hints[info.name])
    values = st.fixed_dictionaries(fields)
    if model is Answer:
        values = values.flatmap(_fitting_value)
    return values.map(lambda found: model(**found))


def _fitting_value(fields: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    if fields["skipped"]:
        empty = [] if fields["kind"] in ("multi", "list") else ""
        return st.just({**fields, "value": empty, "labels": []})
    values = VALUES_BY_KIND[fields["kind"]].map(lambda value: {**fields, "value": value})
    return values.flatmap(_fitting_labels)


def _fitting_labels(fields: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    """A choice's labels, one for each chosen value, or none (not known); none for others."""
    kind, value = fields["kind"], fields["value"]
    if kind not in ("choice", "multi"):
        return st.just({**fields, "labels": []})
    count = len(value) if isinstance(value, list) else 1
    labels = st.lists(TEXT, min_size=count, max_size=count) | st.just([])
    return labels.map(lambda found: {**fields, "labels": found})


JOURNALS = model_strategy(Journal, schema_version=SCHEMA_VERSION)
ANSWERS = model_strategy(Answer)


def exact(journal: Journal) -> str:
    """Everything in a journal as JSON text, offsets and types included: 1 and true differ, so
    do +09:00 and +00:00 for the same instant (compared as Python objects, 1 == True)."""
    return msgspec.json.encode(journal).decode()
