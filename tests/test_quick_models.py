"""The quick journal reader: stricter than pydantic, never looser, and equal where it accepts.

``quick_models`` builds journals without pydantic's validator when every value is exactly as
trustcoach writes it. These tests generate journals from the models' own fields (the strategies
of the round-trip guarantee), damage them in every way a hand edit could, and check that whatever
the quick reader accepts, pydantic accepts too and reads identically (types and offsets included).
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from datetime import date, datetime, time
from typing import Any

import pytest
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st
from pydantic import BaseModel, Field, ValidationError, field_validator

from test_guarantees_text import JOURNALS, exact
from trustcoach.files import read_toml
from trustcoach.journal.model import Journal, parse_journal
from trustcoach.quick_models import NotPlain, plain_dump, quick_reader

PROPERTY = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Any value TOML can hold, as a hand edit might leave it in any place of a journal.
SCALARS = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["c1", "c100", "kept", "ja", "complete", "text", "20261126-140512-a3f9"]),
    st.sampled_from(["20261126-140512-a3f9\n", "c1\n", "c١", "2026-12-03", "true", "1"]),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.booleans(),
    st.floats(allow_nan=False),
    st.dates(),
    st.datetimes(),
    st.times(),
)
TOML_VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=6,
)


def places(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every key or index in a parsed journal, as paths from the top."""
    found = []
    if isinstance(data, dict):
        for key, value in data.items():
            found.append((*path, key))
            found += places(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found.append((*path, index))
            found += places(value, (*path, index))
    return found


def container(data: Any, path: tuple[Any, ...]) -> Any:
    for step in path[:-1]:
        data = data[step]
    return data


@st.composite
def damaged_journals(draw: st.DrawFn) -> dict[str, Any]:
    """A journal as read from its file, then changed in one to three places."""
    data = read_toml(draw(JOURNALS).to_toml())
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        spots = places(data)
        path = draw(st.sampled_from(spots))
        parent = container(data, path)
        action = draw(st.sampled_from(["replace", "remove", "add"]))
        if action == "replace":
            parent[path[-1]] = draw(TOML_VALUES)
        elif action == "remove":
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[draw(st.text(min_size=1, max_size=8))] = draw(TOML_VALUES)
        note(f"{action} at {path}")
    return data


@settings(PROPERTY, max_examples=100)
@given(journal=JOURNALS)
def test_the_quick_reader_reads_every_journal_the_store_writes(journal: Journal) -> None:
    """Read as pydantic reads it; and plain_dump (export's stand-in for pydantic's serializer)
    gives pydantic's JSON."""
    data = read_toml(journal.to_toml())
    quick = quick_reader(Journal)(data)
    assert exact(quick) == exact(Journal.model_validate(data)) == exact(journal)
    assert plain_dump(quick) == journal.model_dump(mode="json", exclude_none=True)
    unfinished = journal.model_copy(update={"finished_at": None})
    assert plain_dump(unfinished) == unfinished.model_dump(mode="json", exclude_none=True)


@PROPERTY
@given(data=damaged_journals())
def test_what_the_quick_reader_accepts_pydantic_reads_the_same(data: dict[str, Any]) -> None:
    try:
        quick = quick_reader(Journal)(data)
    except NotPlain:
        return  # left to pydantic, which either reads it or says why not
    try:
        checked = Journal.model_validate(data)
    except ValidationError as exc:
        raise AssertionError(f"the quick reader accepted what pydantic refuses: {exc}") from None
    assert exact(quick) == exact(checked)


@pytest.mark.parametrize(
    ("place", "value"),
    [
        (("commitments", 0, "due"), datetime(2026, 12, 3)),  # a date and time for a date
        (("answers", 0, "answered_at"), "2026-11-26T10:00:00+09:00"),  # a string for a time
        (("answers", 0, "value"), 7.0),  # a float where an int may be
        (("commitments", 0, "id"), "c1\n"),  # a pattern that Python's $ alone would let pass
        (("reviews", 0, "outcome"), "KEPT"),
        (("answers", 0, "kind"), time(10, 0)),
    ],
    ids=["date-as-datetime", "time-as-string", "float", "trailing-newline", "outcome", "time"],
)
def test_values_that_are_not_as_written_go_to_pydantic(
    place: tuple[Any, ...], value: object
) -> None:
    journal = next(iter_example_journals())
    data = read_toml(journal.to_toml())
    container(data, place)[place[-1]] = value
    with pytest.raises(NotPlain):
        quick_reader(Journal)(data)


def iter_example_journals() -> Any:
    """One journal with an answer, a commitment and a review, as a session writes them."""
    moment = datetime(2026, 11, 26, 10, 0)
    yield Journal.model_validate(
        {
            "schema_version": 1,
            "id": "20261126-100000-abcd",
            "pack": "trust-repair",
            "pack_version": "1.0.0",
            "lang": "en",
            "status": "complete",
            "started_at": moment,
            "updated_at": moment,
            "answers": [
                {
                    "step": "self",
                    "question": "self_trust",
                    "kind": "rating",
                    "prompt": "How much do you trust your own word?",
                    "value": 4,
                    "answered_at": moment,
                }
            ],
            "commitments": [
                {
                    "id": "c1",
                    "question": "commitments",
                    "text": "Home by 7",
                    "due": date(2026, 12, 3),
                }
            ],
            "reviews": [
                {
                    "session": "20261119-100000-abcd",
                    "commitment": "c1",
                    "text": "Walk daily",
                    "outcome": "kept",
                    "reviewed_at": moment,
                }
            ],
        }
    )


class WithFloat(BaseModel):
    ratio: float


class WithLength(BaseModel):
    name: str = Field(max_length=3)


class WithValidator(BaseModel):
    name: str

    @field_validator("name")
    @classmethod
    def shout(cls, value: str) -> str:
        return value.upper()


@pytest.mark.parametrize("model", [WithFloat, WithLength, WithValidator])
def test_a_field_the_quick_reader_cannot_check_is_refused_when_it_is_made(
    model: type[BaseModel],
) -> None:
    with pytest.raises(TypeError):
        quick_reader(model)


def test_reading_a_journal_as_written_does_not_build_the_validator(tmp_path: Any) -> None:
    """The point of the quick reader (show and export start faster): checked in a fresh
    interpreter, and a damaged journal still gets pydantic's reason."""
    path = tmp_path / "journal.toml"
    path.write_bytes(next(iter_example_journals()).to_toml())
    program = textwrap.dedent(
        f"""
        from pathlib import Path
        from trustcoach.errors import JournalError
        from trustcoach.journal.model import Journal, parse_journal
        raw = Path({str(path)!r}).read_bytes()
        journal = parse_journal(raw)
        print(journal.answers[0].value, Journal.__pydantic_complete__)
        try:
            parse_journal(raw.replace(b'outcome = "kept"', b'outcome = "won"'))
        except JournalError as exc:
            print(exc)
        print(Journal.__pydantic_complete__)
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert out[0] == "4 False"  # read, and no validator was built
    assert out[1] == (
        "is not a valid journal: reviews[0].outcome: Input should be 'kept', 'partly' or 'not_kept'"
    )
    assert out[2] == "True"  # the damaged one went through pydantic
    assert parse_journal(path.read_bytes()) == next(iter_example_journals())
