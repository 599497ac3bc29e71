"""The journal model: journals as trustcoach writes them read back identically (also those
written before the model was rewritten), and anything else is refused with its place."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import msgspec
import pytest
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from tests.support.checkout import REPO
from tests.support.strategies import JOURNALS, exact
from trustcoach.errors import JournalError
from trustcoach.files import read_toml
from trustcoach.journal.encoding import JournalWriter
from trustcoach.journal.model import (
    SCHEMA_VERSION,
    Journal,
    as_json_data,
    journal_from_data,
    parse_journal,
)

OLD_JOURNALS = sorted((REPO / "tests" / "data" / "journals-279af0b").glob("*.toml"))

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
    data = read_toml(JournalWriter().encode(draw(JOURNALS)))
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


# The labels of every choice in the kept journals of version 1, as ``shown`` told them.
OLD_LABELS = {
    "20261112-213000-f240": {
        "never_belief": ["Partly"],
        "words_belief": ["Yes, I have believed it"],
        "gestures": ["Messages or letters", "Apologising again and again"],
        "others_belief": ["No, not really"],
    },
    "20261121-080509-c576": {
        "never_belief": ["そう思っていた"],
        "words_belief": ["ある程度そう思っていた"],
        "gestures": ["感謝を伝える"],
        "others_belief": ["あまりそうは思っていなかった"],
    },
    "20261129-220000-eb18": {},
}
LABELS_TABLE = re.compile(r'^labels = \[\n(?:    ".*",\n)+\]\n', re.MULTILINE)


@pytest.mark.parametrize("path", OLD_JOURNALS, ids=lambda path: path.stem)
def test_journals_of_version_1_read_and_write_back_with_only_their_labels_added(
    path: Path,
) -> None:
    """Journals written by trustcoach at 279af0b (version 1): read, they hold the labels of
    their choices; written again, they are the same bytes but for the version and those
    labels; and what is written reads back equal."""
    raw = path.read_bytes()
    journal = parse_journal(raw)
    labels = {a.question: a.labels for a in journal.answers if a.labels}
    assert labels == OLD_LABELS[path.stem]
    written = JournalWriter().encode(journal)
    assert written.startswith(b"schema_version = 2\n")
    assert written.count(b"\nlabels = [") == len(labels)
    unlabelled = LABELS_TABLE.sub("", written.decode("utf-8"))
    assert unlabelled.replace("schema_version = 2", "schema_version = 1", 1).encode() == raw
    assert exact(parse_journal(written)) == exact(journal)
    assert journal.answers and journal.answers[0].answered_at.tzinfo is not None


def test_the_kept_old_journals_cover_what_a_journal_can_hold() -> None:
    journals = [parse_journal(path.read_bytes()) for path in OLD_JOURNALS]
    assert {j.lang for j in journals} == {"ja", "en"}
    assert {j.status for j in journals} == {"complete", "in_progress"}
    assert any(j.reviews for j in journals) and any(j.commitments for j in journals)
    assert any(a.skipped for j in journals for a in j.answers)
    assert any(j.review_plan for j in journals)


@settings(PROPERTY, max_examples=100)
@given(journal=JOURNALS)
def test_every_journal_the_store_writes_reads_back_equal(journal: Journal) -> None:
    raw = JournalWriter().encode(journal)
    assert exact(parse_journal(raw)) == exact(journal)


@PROPERTY
@given(data=damaged_journals())
def test_a_damaged_journal_is_read_the_same_twice_or_refused_with_a_reason(
    data: dict[str, Any],
) -> None:
    """Never anything but a journal or a JournalError; what is read is written back stably."""
    try:
        journal = journal_from_data(data)
    except JournalError as exc:
        assert str(exc)
        return
    again = parse_journal(JournalWriter().encode(journal))
    assert exact(again) == exact(journal)


@pytest.mark.parametrize(
    ("place", "value", "reason"),
    [
        (("commitments", 0, "due"), datetime(2026, 12, 3), "commitments[0].due: expected `date`"),
        (("answers", 0, "value"), 7.0, "answers[0].value: expected"),
        (("answers", 0, "value"), "abc", "answers[0].value: a rating must be a whole number"),
        (("answers", 0, "value"), True, "answers[0].value: a rating must be a whole number"),
        (("commitments", 0, "id"), "c1\n", "commitments[0].id: not in the form"),
        (("commitments", 0, "id"), "c١", "commitments[0].id: not in the form"),
        (("reviews", 0, "outcome"), "KEPT", "reviews[0].outcome: invalid enum value 'KEPT'"),
        (("answers", 0, "kind"), time(10, 0), "answers[0].kind: expected `str`"),
        (("answers", 0, "surprise"), 1, "answers[0].surprise: unknown key"),
        (("commitments", 0, "schedule"), "saturday", "commitments[0].schedule: not in the form"),
    ],
    ids=[
        "date-as-datetime",
        "float",
        "text-rating",
        "bool-rating",
        "trailing-newline",
        "other-digits",
        "outcome",
        "time",
        "unknown-key",
        "schedule",
    ],
)
def test_values_not_as_trustcoach_writes_them_are_refused_with_their_place(
    place: tuple[Any, ...], value: object, reason: str
) -> None:
    data = read_toml(JournalWriter().encode(example_journal()))
    container(data, place)[place[-1]] = value
    with pytest.raises(JournalError) as refused:
        journal_from_data(data)
    assert str(refused.value).startswith(f"is not a valid journal: {reason}")


def test_json_data_writes_times_as_iso_text_and_leaves_out_what_is_absent() -> None:
    journal = example_journal()
    data = as_json_data(journal)
    assert "finished_at" not in data
    assert data["started_at"] == "2026-11-26T10:00:00+09:00"
    assert data["commitments"][0]["due"] == "2026-12-03"
    utc = msgspec.structs.replace(journal, finished_at=datetime.fromisoformat("2026-11-26T01:00Z"))
    assert as_json_data(utc)["finished_at"] == "2026-11-26T01:00:00Z"


def example_journal() -> Journal:
    """One journal with an answer, a commitment and a review, as a session writes them."""
    moment = datetime.fromisoformat("2026-11-26T10:00:00+09:00")
    return msgspec.convert(
        {
            "schema_version": SCHEMA_VERSION,
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
        },
        Journal,
    )


def test_reading_a_journal_needs_neither_pydantic_nor_the_pack_models(tmp_path: Path) -> None:
    """What keeps show and export fast: checked in a fresh interpreter."""
    path = tmp_path / "journal.toml"
    path.write_bytes(JournalWriter().encode(example_journal()))
    program = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path
        from trustcoach.journal.model import parse_journal
        journal = parse_journal(Path({str(path)!r}).read_bytes())
        print(journal.answers[0].value, "pydantic" in sys.modules)
        print("trustcoach.packs.model" in sys.modules)
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["4", "False", "False"]


def test_a_commitments_days_are_written_only_when_not_every_day() -> None:
    """A commitment of every day (every commitment of an older journal) is written without
    ``schedule``; any other schedule is written and read back as it was."""
    journal = example_journal()
    text = JournalWriter().encode(journal).decode("utf-8")
    assert "schedule" not in text
    journal.commitments[0].schedule = "mon,wed,fri"
    text = JournalWriter().encode(journal).decode("utf-8")
    assert 'schedule = "mon,wed,fri"' in text
    assert parse_journal(text.encode("utf-8")).commitments[0].schedule == "mon,wed,fri"
